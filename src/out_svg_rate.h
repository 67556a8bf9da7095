/*
 * out_svg_rate.h: the plot of the model against the arrival rate, as
 * out_svg_rate.c gathers it and out_svg_note.c annotates it.
 *
 *	out_svg_rate.c	the points (with the model's prediction at each),
 *			their sweeps, the curves and the axes
 *	out_svg_panel.c	a panel: its frame, curves and target, the dots
 *			with their tooltips and their names
 *	out_svg_note.c	the sizing's marks in the panels (the max rate and
 *			its interval, the measured pass and miss, the load
 *			per replica), and below them the caption (model,
 *			parameters with units and intervals, errors) and
 *			the legend of sweeps
 *
 * With points from two or more sweeps (or one at a shape other than the
 * sizing's), each of the first RP_SWEEPS sweeps gets a colour and the
 * model's curve at its mean tokens per request; later sweeps are grey
 * circles without curves, and the legend says so. The sizing's own
 * curve is drawn as well (black then) unless nothing was sized.
 */
#ifndef OUT_SVG_RATE_H
#define OUT_SVG_RATE_H

#include "out_svg.h"
#include "plan.h"

#define RP_W		760.0
#define RP_L		78.0	/* left and right margins */
#define RP_R		36.0
#define RP_PANEL_H	200.0
#define RP_GAP		44.0	/* between the panels: the measured bracket */
#define RP_TOP		60.0	/* the first panel's top */
#define RP_LINE		17.0	/* a caption line */
#define RP_NCURVE	200	/* samples of each curve */
#define RP_SWEEPS	8	/* sweeps drawn in colour */

struct rpanel {
	int		 ttft;
	double		 top;		/* y of its top edge */
	struct axis	 y;
	double		 target;	/* ms; 0: none */
	struct labels	 lab;		/* what is drawn on it */
};

/* A measured point, ms and req/s. */
struct rpoint {
	const struct bench *b;
	double		 rate, ttft, itl;
	int		 has_ttft;
	struct qshape	 shape;		/* its tokens per request; 0: unknown */
	int		 has_pred;	/* the model at its rate and shape */
	struct qpoint	 pred;
	int		 has_oos;	/* out of sample (the queue fit's) */
	struct qpoint	 oos;
	int		 slot;		/* its sweep's colour, -1: grey */
};

/* A sweep drawn in colour. */
struct rsweep {
	unsigned	 sweep;		/* the benchmarks' sweep index */
	size_t		 n;		/* its points */
	struct qshape	 shape;		/* their mean */
	struct cap_sample *s;		/* its curve, or NULL */
	const struct qv_sweep *val;	/* its errors (queue fit), or NULL */
};

struct rplot {
	const struct benchset *set;
	const struct fit *f;
	const struct plan *pl;
	struct axis	 x;
	struct rpanel	 p[2];		/* TTFT, ITL */
	struct rpoint	*pt;
	size_t		 n;
	struct rsweep	 sw[RP_SWEEPS];
	size_t		 nsw;		/* in colour */
	size_t		 sweeps;	/* among the points, all */
	int		 colour;	/* sweeps in colour, the sizing black */
	struct cap_sample *s;		/* the sizing's curve, or NULL */
	double		 hi;		/* its range's top */
};

extern const char *const rp_colour[RP_SWEEPS];

double	rp_x(const struct rplot *, double rate);
double	rp_y(const struct rpanel *, double v);

/* out_svg_panel.c; rp_take_dots before anything placed, rp_names last */
void	rp_frame(struct sbuf *, const struct rplot *, const struct rpanel *);
void	rp_take_dots(const struct rplot *, struct rpanel *);
void	rp_lines(struct sbuf *, const struct rplot *, struct rpanel *);
void	rp_dots(struct sbuf *, const struct rplot *, const struct rpanel *);
int	rp_names(struct sbuf *, const struct rplot *, struct rpanel *);

/* out_svg_note.c */
void	rp_band(struct sbuf *, const struct rplot *);
void	rp_marks(struct sbuf *, struct rplot *);
void	rp_gap(struct sbuf *, const struct rplot *);
double	rp_caption(struct sbuf *, const struct rplot *, double y);

#endif
