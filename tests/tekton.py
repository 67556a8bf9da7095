#!/usr/bin/env python3
"""tekton.py: as much of Tekton v1 as the tests of examples/tekton need,
offline. Used by tests/tekton.sh (make check) and tests/image.sh (make
check-image).

  tekton.py check DIR
      Checks every YAML document of DIR against the fields of Tekton's v1
      types (pkg/apis/pipeline/v1/*_types.go of tektoncd/pipeline) and the
      rules of its validation that hold offline: names, param and result
      types, every $(...) reference resolving, array params used whole.
      Prints one line per problem; exits 1 if there is any.

  tekton.py taskrun DIR TASK PARAMS ROOT RESULTS
      Runs the steps of Task TASK with PARAMS (JSON) as a TaskRun would,
      in ROOT laid out as a pod sees it: workspaces at ROOT/workspace/NAME,
      results at ROOT/tekton/results. Writes the declared results to
      RESULTS as NAME=VALUE lines; exits with the failing step's status.

  tekton.py pipelinerun DIR RUN OVERRIDES ROOT RESULTS
      Runs the PipelineRun of file RUN, its params overridden by
      OVERRIDES (JSON): the Pipeline's tasks in order, a matrix fanned out
      into one TaskRun per combination, results passed on (a matrixed
      task's aggregated into an array, as Tekton does); writes the
      Pipeline's results to RESULTS.

  tekton.py exec BUNDLE DIR ARG...
      Runs the image's entrypoint with ARGs in the umoci bundle BUNDLE,
      in its folder DIR, as a runtime would (below); exits with its status.

Steps run on this machine, with ROOT's /workspace and /tekton paths
rewritten into ROOT and programs found on PATH (the tests put stand-ins
there), except, when TEKTON_BUNDLE names a umoci bundle B, the steps whose
image resolves to TEKTON_IMAGE: those run as a runtime would run the
image, chrooted into B/rootfs (which must be ROOT) as the image's user,
with the environment of B/config.json and nothing else, in the step's
workingDir. Sidecars are
checked, not run. A result file that no result declares is an error here
(Tekton ignores it), so that a Task declares exactly what its step writes.
"""

import itertools
import json
import os
import re
import shutil
import subprocess
import sys

import yaml

# ------------------------------------------------------------ the schema
# The JSON fields of the v1 types, by type; a value names the type of the
# field when its fields are checked too. Kubernetes' own types (EnvVar,
# ResourceRequirements, Probe, ...) are left to Kubernetes.
K8S = None
FIELDS = {
    "Task": {"apiVersion": None, "kind": None, "metadata": "ObjectMeta",
             "spec": "TaskSpec"},
    "Pipeline": {"apiVersion": None, "kind": None, "metadata": "ObjectMeta",
                 "spec": "PipelineSpec"},
    "PipelineRun": {"apiVersion": None, "kind": None,
                    "metadata": "ObjectMeta", "spec": "PipelineRunSpec"},
    "ObjectMeta": {"name": None, "generateName": None, "namespace": None,
                   "labels": None, "annotations": None},
    "TaskSpec": {"params": ["ParamSpec"], "displayName": None,
                 "description": None, "steps": ["Step"], "volumes": K8S,
                 "stepTemplate": "StepTemplate", "sidecars": ["Sidecar"],
                 "workspaces": ["WorkspaceDeclaration"],
                 "results": ["TaskResult"]},
    "ParamSpec": {"name": None, "type": None, "description": None,
                  "properties": None, "default": None, "enum": None},
    "TaskResult": {"name": None, "type": None, "properties": None,
                   "description": None, "value": None},
    "WorkspaceDeclaration": {"name": None, "description": None,
                             "mountPath": None, "readOnly": None,
                             "optional": None},
    "Step": {"name": None, "displayName": None, "image": None,
             "command": None, "args": None, "workingDir": None,
             "envFrom": K8S, "env": K8S, "computeResources": K8S,
             "volumeMounts": K8S, "volumeDevices": K8S,
             "imagePullPolicy": None, "securityContext": K8S,
             "script": None, "timeout": None, "workspaces": None,
             "onError": None, "stdoutConfig": None, "stderrConfig": None,
             "ref": None, "params": None, "results": None, "when": None},
    "StepTemplate": {"image": None, "command": None, "args": None,
                     "workingDir": None, "envFrom": K8S, "env": K8S,
                     "computeResources": K8S, "volumeMounts": K8S,
                     "volumeDevices": K8S, "imagePullPolicy": None,
                     "securityContext": K8S},
    "Sidecar": {"name": None, "image": None, "command": None, "args": None,
                "workingDir": None, "ports": K8S, "envFrom": K8S,
                "env": K8S, "computeResources": K8S, "volumeMounts": K8S,
                "volumeDevices": K8S, "livenessProbe": K8S,
                "readinessProbe": K8S, "startupProbe": K8S,
                "lifecycle": K8S, "terminationMessagePath": None,
                "terminationMessagePolicy": None, "imagePullPolicy": None,
                "securityContext": K8S, "stdin": None, "stdinOnce": None,
                "tty": None, "script": None, "workspaces": None,
                "restartPolicy": None},
    "PipelineSpec": {"displayName": None, "description": None,
                     "tasks": ["PipelineTask"], "params": ["ParamSpec"],
                     "workspaces": ["PipelineWorkspaceDeclaration"],
                     "results": ["PipelineResult"],
                     "finally": ["PipelineTask"]},
    "PipelineResult": {"name": None, "type": None, "description": None,
                       "value": None},
    "PipelineTask": {"name": None, "displayName": None, "description": None,
                     "taskRef": "TaskRef", "taskSpec": None, "when": None,
                     "retries": None, "runAfter": None,
                     "params": ["Param"], "matrix": "Matrix",
                     "workspaces": ["WorkspacePipelineTaskBinding"],
                     "timeout": None, "pipelineRef": None,
                     "pipelineSpec": None, "onError": None},
    "TaskRef": {"name": None, "kind": None, "apiVersion": None,
                "resolver": None, "params": None},
    "Param": {"name": None, "value": None},
    "Matrix": {"params": ["Param"], "include": ["IncludeParams"]},
    "IncludeParams": {"name": None, "params": ["Param"]},
    "PipelineWorkspaceDeclaration": {"name": None, "description": None,
                                     "optional": None},
    "WorkspacePipelineTaskBinding": {"name": None, "workspace": None,
                                     "subPath": None},
    "PipelineRunSpec": {"pipelineRef": "PipelineRef", "pipelineSpec": None,
                        "params": ["Param"], "status": None,
                        "timeouts": None, "taskRunTemplate": None,
                        "workspaces": ["WorkspaceBinding"],
                        "taskRunSpecs": None, "managedBy": None},
    "PipelineRef": {"name": None, "apiVersion": None, "resolver": None,
                    "params": None},
    "WorkspaceBinding": {"name": None, "subPath": None,
                         "volumeClaimTemplate": K8S,
                         "persistentVolumeClaim": K8S, "emptyDir": K8S,
                         "configMap": K8S, "secret": K8S, "projected": K8S,
                         "csi": K8S},
}

# Names, as the v1 validation and Kubernetes check them.
DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
PARAM_NAME = re.compile(r"^[_a-zA-Z][_a-zA-Z0-9.-]*$")
RESULT_NAME = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")
VAR = re.compile(r"\$\(([^()]*)\)")

problems = []


def bad(where, msg):
    problems.append("%s: %s" % (where, msg))


def fields(obj, typ, where):
    """Unknown fields of obj, and of the typed fields below it."""
    if not isinstance(obj, dict):
        bad(where, "%s is not a mapping" % typ)
        return
    known = FIELDS[typ]
    for k, v in obj.items():
        if k not in known:
            bad(where, "%s has no field %r" % (typ, k))
        elif isinstance(known[k], str):
            fields(v, known[k], "%s.%s" % (where, k))
        elif isinstance(known[k], list):
            if not isinstance(v, list):
                bad(where, "%s.%s is not a list" % (typ, k))
                continue
            for i, x in enumerate(v):
                fields(x, known[k][0], "%s.%s[%d]" % (where, k, i))


def unique(items, where, what, pattern):
    names = [x.get("name") for x in items]
    for n in names:
        if not isinstance(n, str) or not pattern.match(n):
            bad(where, "%s name %r is not valid" % (what, n))
    for n in set(names):
        if names.count(n) > 1:
            bad(where, "%s %r declared twice" % (what, n))
    return names


def ptype(p):
    return p.get("type", "string")


def check_value_type(where, typ, value):
    if typ == "string" and not isinstance(value, str):
        bad(where, "a string param holds %r (quote it)" % (value,))
    if typ == "array" and not (isinstance(value, list) and
                               all(isinstance(x, str) for x in value)):
        bad(where, "an array param holds %r" % (value,))


def check_params(spec, where):
    names = unique(spec.get("params", []), where, "param", PARAM_NAME)
    for p in spec.get("params", []):
        if ptype(p) not in ("string", "array", "object"):
            bad(where, "param %s has type %r" % (p["name"], p["type"]))
        if "default" in p:
            check_value_type("%s param %s default" % (where, p["name"]),
                             ptype(p), p["default"])
    return {p["name"]: p for p in spec.get("params", [])}, names


def check_task(t):
    name = t["metadata"].get("name", "")
    where = "Task %s" % name
    spec = t["spec"]
    params, _ = check_params(spec, where)
    results = unique(spec.get("results", []), where, "result", RESULT_NAME)
    wss = [w["name"] for w in spec.get("workspaces", [])]
    steps = spec.get("steps", [])
    if not steps:
        bad(where, "no steps")
    unique(steps, where, "step", DNS_LABEL)
    unique(spec.get("sidecars", []), where, "sidecar", DNS_LABEL)
    for c in steps + spec.get("sidecars", []):
        cw = "%s container %s" % (where, c.get("name"))
        if not c.get("image"):
            bad(cw, "no image")
        if c.get("script") and c.get("command"):
            bad(cw, "both script and command")
        texts = [("image", c.get("image", "")),
                 ("workingDir", c.get("workingDir", "")),
                 ("script", c.get("script", ""))]
        texts += [("env %s" % e["name"], e.get("value", ""))
                  for e in c.get("env", [])]
        lists = [("command", x) for x in c.get("command", [])]
        lists += [("args", x) for x in c.get("args", [])]
        for field, text in texts + lists:
            if not isinstance(text, str):
                bad(cw, "%s holds %r, not a string" % (field, text))
                continue
            for v in VAR.findall(text):
                task_var(cw, field, text, v, params, results, wss,
                         isolated_ok=(field in ("command", "args")))
        if c.get("script"):
            for v in VAR.findall(c["script"]):
                if re.match(r"(params|results|workspaces|context)\.", v):
                    bad(cw, "$(%s) pasted into the script: a param "
                        "would run as shell" % v)


def task_var(where, field, text, v, params, results, wss, isolated_ok):
    m = re.fullmatch(r"params\.([^.\[\]]+)(\[\*\])?", v)
    if m:
        p = params.get(m.group(1))
        if p is None:
            bad(where, "%s: $(%s): no such param" % (field, v))
        elif ptype(p) == "array":
            if not m.group(2):
                bad(where, "%s: array param %s without [*]" % (field, v))
            elif not isolated_ok or text != "$(%s)" % v:
                bad(where, "%s: array param %s not a whole element of "
                    "command or args" % (field, v))
        elif m.group(2):
            bad(where, "%s: [*] on string param %s" % (field, v))
        return
    m = re.fullmatch(r"results\.([^.]+)\.path", v)
    if m:
        if m.group(1) not in results:
            bad(where, "%s: $(%s): no such result" % (field, v))
        return
    m = re.fullmatch(r"workspaces\.([^.]+)\.path", v)
    if m:
        if m.group(1) not in wss:
            bad(where, "%s: $(%s): no such workspace" % (field, v))
        return
    bad(where, "%s: $(%s): a variable these tests do not know" % (field, v))


def pipeline_ref(text, pparams, ptasks, where, want_array):
    """Checks the references of a Pipeline-level value."""
    vs = VAR.findall(text)
    for v in vs:
        m = re.fullmatch(r"params\.([^.\[\]]+)(\[\*\])?", v)
        if m:
            p = pparams.get(m.group(1))
            if p is None:
                bad(where, "$(%s): no such Pipeline param" % v)
            elif (ptype(p) == "array") != bool(m.group(2)):
                bad(where, "$(%s): [*] goes with array params only" % v)
            elif m.group(2) and (not want_array or text != "$(%s)" % v):
                bad(where, "$(%s): an array must be the whole value of an "
                    "array param" % v)
            continue
        m = re.fullmatch(r"tasks\.([^.]+)\.results\.([^.\[\]]+)(\[\*\])?",
                         v)
        if m:
            pt = ptasks.get(m.group(1))
            if pt is None:
                bad(where, "$(%s): no such pipeline task" % v)
                continue
            if m.group(2) not in pt["results"]:
                bad(where, "$(%s): task %s declares no result %s" %
                    (v, pt["task"], m.group(2)))
            if pt["matrixed"] != bool(m.group(3)):
                bad(where, "$(%s): a matrixed task's results are read "
                    "whole, with [*]; another's without" % v)
            elif m.group(3) and (not want_array or text != "$(%s)" % v):
                bad(where, "$(%s): aggregated results go whole into an "
                    "array param" % v)
            continue
        bad(where, "$(%s): a variable these tests do not know" % v)


def check_pipeline(p, tasks):
    name = p["metadata"].get("name", "")
    where = "Pipeline %s" % name
    spec = p["spec"]
    pparams, _ = check_params(spec, where)
    pws = [w["name"] for w in spec.get("workspaces", [])]
    ptasks = {}
    all_pt = spec.get("tasks", []) + spec.get("finally", [])
    unique(all_pt, where, "pipeline task", DNS_LABEL)
    for pt in all_pt:
        ref = pt.get("taskRef", {}).get("name")
        if ref not in tasks:
            bad(where, "task %s: no Task %r here" % (pt["name"], ref))
            continue
        tspec = tasks[ref]["spec"]
        ptasks[pt["name"]] = {
            "task": ref, "matrixed": "matrix" in pt,
            "results": {r["name"]: r for r in tspec.get("results", [])}}
    for pt in all_pt:
        tw = "%s task %s" % (where, pt["name"])
        if pt["name"] not in ptasks:
            continue
        tspec = tasks[ptasks[pt["name"]]["task"]]["spec"]
        tparams = {x["name"]: x for x in tspec.get("params", [])}
        given = {}
        for x in pt.get("params", []):
            given[x["name"]] = ("params", x["value"])
        for x in pt.get("matrix", {}).get("params", []):
            if x["name"] in given:
                bad(tw, "param %s both in params and matrix" % x["name"])
            given[x["name"]] = ("matrix", x["value"])
        if pt.get("matrix", {}).get("include"):
            bad(tw, "matrix.include: these tests do not run it")
        for n, (kind, value) in given.items():
            tp = tparams.get(n)
            if tp is None:
                bad(tw, "the Task has no param %s" % n)
                continue
            want = "array" if kind == "matrix" else ptype(tp)
            if kind == "matrix" and ptype(tp) != "string":
                bad(tw, "matrix param %s: the Task's must be a string" % n)
            if isinstance(value, str):
                pipeline_ref(value, pparams, ptasks, "%s param %s" % (tw, n),
                             want == "array")
                if want == "array" and not VAR.fullmatch(value):
                    bad(tw, "param %s: an array param given a string" % n)
            else:
                check_value_type("%s param %s" % (tw, n), want, value)
                for x in value if isinstance(value, list) else []:
                    pipeline_ref(x, pparams, ptasks, tw, False)
        for n, tp in tparams.items():
            if "default" not in tp and n not in given:
                bad(tw, "required param %s not given" % n)
        for a in pt.get("runAfter", []):
            if a not in ptasks:
                bad(tw, "runAfter %s: no such task" % a)
        bound = {}
        for w in pt.get("workspaces", []):
            bound[w["name"]] = w.get("workspace", w["name"])
        for w in tspec.get("workspaces", []):
            if w["name"] not in bound and not w.get("optional"):
                bad(tw, "workspace %s not bound" % w["name"])
        for n, pw in bound.items():
            if pw not in pws:
                bad(tw, "workspace %s: the Pipeline has no %s" % (n, pw))
            if n not in [w["name"] for w in tspec.get("workspaces", [])]:
                bad(tw, "the Task has no workspace %s" % n)
    unique(spec.get("results", []), where, "result", RESULT_NAME)
    for r in spec.get("results", []):
        if not isinstance(r.get("value"), str):
            bad(where, "result %s has no string value" % r.get("name"))
            continue
        pipeline_ref(r["value"], pparams, ptasks,
                     "%s result %s" % (where, r["name"]), False)


def check_run(r, pipelines):
    where = "PipelineRun %s" % r["metadata"].get(
        "generateName", r["metadata"].get("name"))
    ref = r["spec"].get("pipelineRef", {}).get("name")
    if ref not in pipelines:
        bad(where, "no Pipeline %r here" % ref)
        return
    spec = pipelines[ref]["spec"]
    pparams = {p["name"]: p for p in spec.get("params", [])}
    given = {x["name"]: x["value"] for x in r["spec"].get("params", [])}
    for n, v in given.items():
        if n not in pparams:
            bad(where, "the Pipeline has no param %s" % n)
        else:
            check_value_type("%s param %s" % (where, n), ptype(pparams[n]), v)
    for n, p in pparams.items():
        if "default" not in p and n not in given:
            bad(where, "required param %s not given" % n)
    bound = [w["name"] for w in r["spec"].get("workspaces", [])]
    for w in spec.get("workspaces", []):
        if w["name"] not in bound and not w.get("optional"):
            bad(where, "workspace %s not bound" % w["name"])


def load(d):
    docs = []
    for f in sorted(os.listdir(d)):
        if f.endswith(".yaml"):
            try:
                with open(os.path.join(d, f)) as fh:
                    docs += [(f, x) for x in yaml.safe_load_all(fh) if x]
            except yaml.YAMLError as e:
                bad(f, "not YAML: %s" % str(e).replace("\n", " "))
    return docs


def check(d):
    docs = load(d)
    byname = {"Task": {}, "Pipeline": {}}
    for f, x in docs:
        kind = x.get("kind")
        if x.get("apiVersion") != "tekton.dev/v1":
            bad(f, "apiVersion %r, not tekton.dev/v1" % x.get("apiVersion"))
        if kind not in FIELDS or kind == "ObjectMeta":
            bad(f, "kind %r" % kind)
            continue
        fields(x, kind, "%s %s" % (f, kind))
        meta = x.get("metadata", {})
        name = meta.get("name", meta.get("generateName", "x").rstrip("-"))
        if not DNS_LABEL.match(name or ""):
            bad(f, "%s name %r is not a DNS label" % (kind, name))
        if kind in byname:
            if name in byname[kind]:
                bad(f, "%s %s defined twice" % (kind, name))
            byname[kind][name] = x
    if problems:
        return docs
    for t in byname["Task"].values():
        check_task(t)
    for p in byname["Pipeline"].values():
        check_pipeline(p, byname["Task"])
    for f, x in docs:
        if x["kind"] == "PipelineRun":
            check_run(x, byname["Pipeline"])
    return docs


# ------------------------------------------------------------ running
class Pod:
    """The pod's file system under root, and how steps run."""

    def __init__(self, root, bundle=None, image=None):
        self.root = os.path.abspath(root)
        self.image = image
        self.config = None
        if bundle:
            with open(os.path.join(bundle, "config.json")) as fh:
                self.config = json.load(fh)
            rootfs = os.path.join(bundle, self.config["root"]["path"])
            if os.path.realpath(rootfs) != os.path.realpath(root):
                sys.exit("tekton.py: ROOT must be the bundle's rootfs")

    def host(self, path):
        """A pod path as this machine sees it."""
        if path.startswith(("/workspace/", "/tekton/")):
            return self.root + path
        return path

    def new_results(self):
        d = self.host("/tekton/results")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        os.chmod(d, 0o777)      # an emptyDir: any user writes there
        return d

    def workspace(self, name):
        d = self.host("/workspace/" + name)
        if not os.path.isdir(d):
            os.makedirs(d)
            os.chmod(d, 0o777)
        return d

    def where(self, image):
        """Where a step of this image runs: "host", or "image UID:GID"."""
        if self.config is not None and image == self.image:
            u = self.config["process"]["user"]
            return "image %d:%d" % (u["uid"], u["gid"])
        return "host"

    def run(self, image, argv, env, workdir):
        sys.stdout.flush()
        if self.where(image) != "host":
            return self.run_image(argv, env, workdir)
        argv = [self.host(a) for a in argv]
        full = dict(os.environ)
        full.update({k: self.host(v) for k, v in env.items()})
        return subprocess.call(argv, env=full,
                               cwd=self.host(workdir or "/workspace/"))

    def run_image(self, argv, env, workdir):
        proc = self.config["process"]
        full = dict(e.split("=", 1) for e in proc["env"])
        full.update(env)
        uid, gid = proc["user"]["uid"], proc["user"]["gid"]
        cwd = workdir or proc.get("cwd", "/")
        root = self.root

        def enter():
            os.chroot(root)
            os.chdir(cwd)
            os.setgroups([])
            os.setgid(gid)
            os.setuid(uid)
        try:
            return subprocess.call(argv, env=full, preexec_fn=enter)
        except (OSError, subprocess.SubprocessError) as e:
            print("tekton.py: cannot run %s in the image: %s" % (argv, e),
                  file=sys.stderr)
            return 127


def subst_task(text, params, where):
    def one(m):
        v = m.group(1)
        pm = re.fullmatch(r"params\.([^.\[\]]+)", v)
        if pm:
            return params[pm.group(1)]
        rm = re.fullmatch(r"results\.([^.]+)\.path", v)
        if rm:
            return "/tekton/results/" + rm.group(1)
        wm = re.fullmatch(r"workspaces\.([^.]+)\.path", v)
        if wm:
            return "/workspace/" + wm.group(1)
        sys.exit("tekton.py: %s: cannot substitute $(%s)" % (where, v))
    return VAR.sub(one, text)


def expand(items, params, where):
    """command or args: an array param's [*] element becomes its items."""
    out = []
    for a in items:
        m = re.fullmatch(r"\$\(params\.([^.\[\]]+)\[\*\]\)", a)
        if m:
            out += params[m.group(1)]
        else:
            out.append(subst_task(a, params, where))
    return out


def taskrun(pod, task, given):
    """Runs task's steps; returns (status, {result: value})."""
    spec = task["spec"]
    params = {}
    for p in spec.get("params", []):
        if p["name"] in given:
            params[p["name"]] = given[p["name"]]
        elif "default" in p:
            params[p["name"]] = p["default"]
        else:
            sys.exit("tekton.py: Task %s: param %s not given" %
                     (task["metadata"]["name"], p["name"]))
    for w in spec.get("workspaces", []):
        pod.workspace(w["name"])
    rdir = pod.new_results()
    status = 0
    for st in spec["steps"]:
        where = "%s/%s" % (task["metadata"]["name"], st["name"])
        image = subst_task(st["image"], params, where)
        env = {e["name"]: subst_task(e["value"], params, where)
               for e in st.get("env", [])}
        workdir = subst_task(st.get("workingDir", ""), params, where)
        if "script" in st:
            sdir = pod.host("/tekton/scripts")
            os.makedirs(sdir, exist_ok=True)
            path = os.path.join(sdir, st["name"])
            with open(path, "w") as fh:
                fh.write(st["script"])
            argv = ["sh", path]
        else:
            argv = expand(st.get("command", []), params, where)
            argv += expand(st.get("args", []), params, where)
        print("# step %s [%s]: %s" % (where, pod.where(image),
                                       json.dumps(argv)))
        status = pod.run(image, argv, env, workdir)
        if status != 0:
            break
    declared = [r["name"] for r in spec.get("results", [])]
    results = {}
    for f in sorted(os.listdir(rdir)):
        if f not in declared:
            print("tekton.py: %s: %s written, but no result declares it" %
                  (task["metadata"]["name"], f), file=sys.stderr)
            status = status or 1
    if status == 0:
        for n in declared:
            try:
                with open(os.path.join(rdir, n)) as fh:
                    results[n] = fh.read()
            except OSError:
                print("tekton.py: %s: result %s not written" %
                      (task["metadata"]["name"], n), file=sys.stderr)
                status = 1
    return status, results


def subst_pipeline(value, params, done):
    """A Pipeline-level value: strings substituted, [*] made arrays."""
    if isinstance(value, list):
        return [subst_pipeline(x, params, done) for x in value]
    m = re.fullmatch(r"\$\(params\.([^.\[\]]+)\[\*\]\)", value)
    if m:
        return list(params[m.group(1)])
    m = re.fullmatch(r"\$\(tasks\.([^.]+)\.results\.([^.\[\]]+)\[\*\]\)",
                     value)
    if m:
        return [r[m.group(2)] for r in done[m.group(1)]]

    def one(m):
        v = m.group(1)
        pm = re.fullmatch(r"params\.([^.\[\]]+)", v)
        if pm:
            return params[pm.group(1)]
        tm = re.fullmatch(r"tasks\.([^.]+)\.results\.([^.\[\]]+)", v)
        if tm:
            return done[tm.group(1)][0][tm.group(2)]
        sys.exit("tekton.py: cannot substitute $(%s)" % v)
    return VAR.sub(one, value)


def needs(pt):
    deps = set(pt.get("runAfter", []))
    for x in pt.get("params", []) + pt.get("matrix", {}).get("params", []):
        for v in [x["value"]] if isinstance(x["value"], str) else x["value"]:
            deps.update(re.findall(r"\$\(tasks\.([^.]+)\.", v))
    return deps


def pipelinerun(pod, docs, run, overrides):
    tasks = {x["metadata"]["name"]: x for _, x in docs if x["kind"] == "Task"}
    pipes = {x["metadata"]["name"]: x for _, x in docs
             if x["kind"] == "Pipeline"}
    spec = pipes[run["spec"]["pipelineRef"]["name"]]["spec"]
    params = {p["name"]: p["default"] for p in spec.get("params", [])
              if "default" in p}
    params.update({x["name"]: x["value"] for x in run["spec"]["params"]})
    params.update(overrides)
    done = {}
    todo = list(spec["tasks"])
    while todo:
        ready = [pt for pt in todo if needs(pt) <= set(done)]
        if not ready:
            sys.exit("tekton.py: the pipeline tasks wait on each other")
        pt = ready[0]
        todo.remove(pt)
        fixed = {x["name"]: subst_pipeline(x["value"], params, done)
                 for x in pt.get("params", [])}
        axes = [(x["name"], subst_pipeline(x["value"], params, done))
                for x in pt.get("matrix", {}).get("params", [])]
        # Tekton's order: the first matrix param varies slowest.
        combos = [dict(zip([a for a, _ in axes], c))
                  for c in itertools.product(*[v for _, v in axes])]
        done[pt["name"]] = []
        for combo in combos:
            given = dict(fixed, **combo)
            print("# taskrun %s %s" % (pt["name"], json.dumps(combo)))
            status, results = taskrun(pod, tasks[pt["taskRef"]["name"]],
                                      given)
            if status != 0:
                print("tekton.py: pipeline task %s failed (%d)" %
                      (pt["name"], status), file=sys.stderr)
                return status, {}
            done[pt["name"]].append(results)
    return 0, {r["name"]: subst_pipeline(r["value"], params, done)
               for r in spec.get("results", [])}


def write_results(path, results):
    with open(path, "w") as fh:
        for k, v in results.items():
            fh.write("%s=%s\n" % (k, v))


def main(argv):
    if len(argv) >= 3 and argv[0] == "exec":
        bundle = argv[1]
        pod = Pod(os.path.join(bundle, "rootfs"), bundle, "")
        return pod.run_image(pod.config["process"]["args"] + argv[3:], {},
                             argv[2])
    if len(argv) == 2 and argv[0] == "check":
        check(argv[1])
        for p in problems:
            print(p)
        return 1 if problems else 0
    if len(argv) == 6 and argv[0] in ("taskrun", "pipelinerun"):
        docs = check(argv[1])
        if problems:
            for p in problems:
                print(p, file=sys.stderr)
            return 1
        pod = Pod(argv[4], os.environ.get("TEKTON_BUNDLE"),
                  os.environ.get("TEKTON_IMAGE"))
        if argv[0] == "taskrun":
            task = [x for _, x in docs if x["kind"] == "Task" and
                    x["metadata"]["name"] == argv[2]][0]
            status, results = taskrun(pod, task, json.loads(argv[3]))
        else:
            with open(argv[2]) as fh:
                run = yaml.safe_load(fh)
            status, results = pipelinerun(pod, docs, run,
                                          json.loads(argv[3]))
        write_results(argv[5], results)
        return status
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
