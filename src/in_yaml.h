/*
 * in_yaml.h: guidellm reports in YAML.
 *
 * guidellm --output yaml (benchmarks.yaml) dumps the JSON report's
 * document through PyYAML (yaml.dump: block style, keys sorted), so the
 * same mapping reads it: libyaml's events of one top-level member, or
 * of one benchmark, at a time are turned into a cJSON value and handed
 * to in_json.c's sink. A sequence of more than YAML_SEQ_MAX items (the
 * per-request lists) and a scalar longer than JS_BIG bytes become null,
 * as jstream drops them, and a value of more than YAML_NODES_MAX nodes
 * is an error, so memory is bounded by the largest benchmark read, not
 * by the report (libyaml itself holds one scalar at a time).
 */
#ifndef RYAML_H
#define RYAML_H

#include <stddef.h>

#include "bench.h"
#include "lineio.h"
#include "wi.h"

#define YAML_SEQ_MAX	4096
#define YAML_NODES_MAX	(1L << 20)

/* Does the input's start (past space) look like a guidellm YAML report? */
int	ryaml_sniff(const char *, size_t);
int	ryaml_read(struct lr *, struct benchset *, const struct wi_warn *,
	    struct wi_err *);

#endif
