#!/usr/bin/python3
"""g04render.py: print a guidellm 0.4-0.7 console log again through rich
at given widths, the way guidellm's own console code prints it.

Usage: g04render.py WIDTH <wide.log >narrow.log
       g04render.py -d DIR WIDTH... <wide.log	(DIR/WIDTH.log for each)

guidellm (src/guidellm/utils/console.py, v0.4.0 to v0.7.3) sizes its
tables by their content, not by the terminal, so a log printed wide holds
the same table text; what the width changes is how rich prints it:
titles go through print_update (Text.assemble("ℹ ", (title, style)),
word-wrapped), table rows through print(line, overflow="ignore",
crop=False) (never wrapped), other lines as plain text. This script
repeats those calls on a Console of the given width (as COLUMNS=WIDTH
sets it for a pod without a terminal). Needs python3-rich. The second
form renders every width in one process: starting Python and importing
rich costs more than rendering a log.
"""
import sys

from rich.console import Console
from rich.text import Text


def render(lines, width, out):
    con = Console(file=out, width=width, color_system=None,
                  force_terminal=False, highlight=False)
    for line in lines:
        if line.startswith("\u2139 "):
            con.print(Text.assemble("\u2139 ", (line[2:], "bold")))
        elif line.startswith("|"):
            con.print("[bold]" + line + "[/bold]", overflow="ignore",
                      crop=False)
        else:
            con.print(Text(line))


def main():
    lines = sys.stdin.read().splitlines()
    if sys.argv[1] != "-d":
        render(lines, int(sys.argv[1]), sys.stdout)
        return
    for w in sys.argv[3:]:
        with open("%s/%s.log" % (sys.argv[2], w), "w",
                  encoding="utf-8") as out:
            render(lines, int(w), out)


main()
