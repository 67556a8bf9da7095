#!/usr/bin/env python3
# exp1.py TOP BIN: the CLI against model-trainer's published exp1 results
# (testdata/exp1, see its ATTRIBUTION). Per file: --model queue
# --queue-version 0.6 --params at the published parameters on the 7
# points model-trainer used (--points) gives the published loss,
# avgErrTTFT and avgErrITL to 1e-4 relative and every predicted TTFT and
# ITL to the printed 2 decimals; the refit on the same points reaches a
# loss <= the published one x (1 + 1e-4); --as model-trainer alone, on
# the CSV and on model-trainer's JSON rows of it, gives that refit and
# the published loss to 1e-4 relative. Prints TAP lines for run.sh.
import glob, json, os, re, subprocess, sys

top, binary = sys.argv[1], sys.argv[2]
run = os.environ.get('WVA_RUN', '').split()
d = os.path.join(top, 'testdata', 'exp1')
n = 0


def tap(good, desc, why=''):
    global n
    n += 1
    print('%s %d - %s' % ('ok' if good else 'not ok', n, desc))
    if not good and why:
        print('# ' + why.replace('\n', '\n# '))


def wi(*args):
    p = subprocess.run(run + [binary, '-q', '--model', 'queue'] + list(args),
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError('exit %d: %s' % (p.returncode, p.stderr.strip()))
    return json.loads(p.stdout)


def published(path):
    rows, res = [], None
    for line in open(path):
        if line.startswith('{"OptimizedParms"'):
            res = json.loads(line)
        elif re.match(r'^\s*[0-9.]+\s+\t', line):
            rows.append([float(x) for x in line.split()])
    return res['OptimizedParms'], res['AnalysisResults'], rows


def rel(a, b):
    return abs(a - b) / abs(b)


worst_as = [0.0]
for txt in sorted(glob.glob(os.path.join(d, 'sweep-*.txt'))):
    name = os.path.basename(txt)[:-4]
    csv = os.path.join(d, name + '.csv')
    par, ana, rows = published(txt)
    try:
        every = wi('--queue-version', '0.6', csv)
        seven = [p['benchmark'] for p in every['points'][:7]]
        pts = ','.join(seven)
        ev = wi('--queue-version', '0.6', '--points', pts, '--params',
                'alpha=%r,beta=%r,gamma=%r' % (par['alpha'], par['beta'],
                                               par['gamma']), csv)
        fit = wi('--queue-version', '0.6', '--points', pts, csv)
    except RuntimeError as e:
        tap(False, '%s: wva-itl runs' % name, str(e))
        continue
    why = []
    for k, key in (('loss', 'avgErrWeighted'), ('avgErrTTFT', 'avgErrTTFT'),
                   ('avgErrITL', 'avgErrITL')):
        if rel(ev[k], ana[key]) > 1e-4:
            why.append('%s %.9g, published %.9g' % (k, ev[k], ana[key]))
    tap(not why, '%s: v0.6 at the published parameters: loss %.6g, '
        'avgErrTTFT %.6g, avgErrITL %.6g agree to 1e-4' %
        (name, ev['loss'], ev['avgErrTTFT'], ev['avgErrITL']), '\n'.join(why))
    why = []
    for p, r in zip(ev['points'], rows):
        if '%.2f' % p['rate'] != '%.2f' % r[0]:
            why.append('%s: rate %.2f, published %.2f' % (p['benchmark'],
                                                           p['rate'], r[0]))
        for k, v in (('ttftPredMs', r[4]), ('itlPredMs', r[6])):
            # 0.01 off only where the value sits on a rounding edge
            if abs(p[k] - v) > 0.005 + 1e-5:
                why.append('%s: %s %.6f, published %.2f' %
                           (p['benchmark'], k, p[k], v))
    tap(not why and len(rows) == 7, '%s: the 7 points (%s) and their '
        'predicted TTFT and ITL to the printed 2 decimals' %
        (name, pts), '\n'.join(why))
    tap(fit['loss'] <= ana['avgErrWeighted'] * (1 + 1e-4),
        '%s: refit loss %.6g <= published %.6g x (1 + 1e-4) '
        '(alpha %.4g, beta %.4g, gamma %.3g)' %
        (name, fit['loss'], ana['avgErrWeighted'], fit['alpha'],
         fit['beta'], fit['gamma']))
    # --as model-trainer alone, on the CSV and on model-trainer's own
    # JSON rows: the long options' fit, the published loss to 1e-4.
    for path in (csv, csv[:-4] + '.json'):
        kind = path[-4:].lstrip('.')
        try:
            long_ = wi('--queue-version', '0.6', '-b', '256', '--points',
                       pts, path)
            as_ = wi('--as', 'model-trainer', path)
        except RuntimeError as e:
            tap(False, '%s.%s: --as model-trainer runs' % (name, kind),
                str(e))
            continue
        got = rel(as_['loss'], ana['avgErrWeighted'])
        preset = as_.pop('preset', None)
        tap(got <= 1e-4 and preset == 'model-trainer' and as_ == long_ and
            [p['benchmark'] for p in as_['points']] == seven,
            '%s.%s: --as model-trainer fits its 7 points, loss %.9g, '
            'published %.9g, %.1e relative' %
            (name, kind, as_['loss'], ana['avgErrWeighted'], got))
        worst_as[0] = max(worst_as[0], got)

print('# --as model-trainer: the published losses to %.1e relative at '
      'worst' % worst_as[0])

# model-trainer's own inputs, the rows of each CSV as a JSON array
# (exp1/data): -x gives the same benchmarks, to the last bit, but for
# where they were read.
def extract(path):
    p = subprocess.run(run + [binary, '-q', '-x', path], capture_output=True,
                       text=True)
    if p.returncode != 0:
        raise RuntimeError('exit %d: %s' % (p.returncode, p.stderr.strip()))
    bs = json.loads(p.stdout)['benchmarks']
    for b in bs:
        for k in ('file', 'line', 'format', 'infoLine'):
            b.pop(k, None)
    return bs


same = []
for csv in sorted(glob.glob(os.path.join(d, 'sweep-*.csv'))):
    try:
        a, b = extract(csv), extract(csv[:-4] + '.json')
    except (RuntimeError, ValueError) as e:
        tap(False, '%s: the JSON rows read' % os.path.basename(csv), str(e))
        continue
    if a == b and len(a) == 10:
        same.append(os.path.basename(csv)[:-4])
    else:
        tap(False, '%s.json gives the benchmarks of the CSV' %
            os.path.basename(csv)[:-4], 'CSV %d benchmarks, JSON %d' %
            (len(a), len(b)))
tap(len(same) == 16, 'exp1 JSON rows (model-trainer\'s data) give the '
    'benchmarks of their CSV, 10 each, in %d of 16 files' % len(same))

# The DataSet path: -o dataset read back gives the same fit, and a v0.7
# fit on points made by known parameters (exp1 i1024-o1024's rates and
# tokens, their predicted TTFT and ITL as the measurements) recovers them.
tmpd = sys.argv[3] if len(sys.argv) > 3 else '/tmp'
csv = os.path.join(d, 'sweep-i1024-o1024.csv')
ds = os.path.join(tmpd, 'exp1-dataset.json')
try:
    p = subprocess.run(run + [binary, '-q', '--model', 'queue', '-o',
                              'dataset', csv], capture_output=True, text=True)
    open(ds, 'w').write(p.stdout)
    a, b = wi(csv), wi(ds)
    tap(p.returncode == 0 and all(a[k] == b[k] for k in
                                  ('alpha', 'beta', 'gamma', 'loss')),
        '-o dataset read back as a DataSet gives the same fit '
        '(alpha %r)' % b['alpha'])
    known = (5.5, 0.03, 4e-05)
    ev = wi('--params', 'alpha=%r,beta=%r,gamma=%r' % known, csv)
    data = [{'requestRate': q['rate'], 'inputTokens': q['inputTokens'],
             'outputTokens': q['outputTokens'],
             'avgTTFTTime': q['ttftPredMs'], 'avgITLTime': q['itlPredMs'],
             'maxBatchSize': 256, 'maxNumTokens': 8192}
            for q in ev['points']]
    json.dump({'name': 'made by (5.5, 0.03, 4e-5)', 'data': data},
              open(ds, 'w'), indent=1)
    fit = wi(ds)
    got = (fit['alpha'], fit['beta'], fit['gamma'])
    worst = max(rel(g, k) for g, k in zip(got, known))
    tap(worst <= 1e-4, 'v0.7 fit of a DataSet made by (5.5, 0.03, 4e-05) '
        'recovers them to %.1e (loss %.1e, %d points)' %
        (worst, fit['loss'], len(data)))
except (RuntimeError, ValueError) as e:
    tap(False, 'the DataSet path runs', str(e))
