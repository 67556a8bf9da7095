#!/usr/bin/python3
"""g04render.py: print a guidellm 0.4-0.7 console log again through rich
at a given width, the way guidellm's own console code prints it.

Usage: g04render.py WIDTH <wide.log >narrow.log

guidellm (src/guidellm/utils/console.py, v0.4.0 to v0.7.3) sizes its
tables by their content, not by the terminal, so a log printed wide holds
the same table text; what the width changes is how rich prints it:
titles go through print_update (Text.assemble("ℹ ", (title, style)),
word-wrapped), table rows through print(line, overflow="ignore",
crop=False) (never wrapped), other lines as plain text. This script
repeats those calls on a Console of the given width (as COLUMNS=WIDTH
sets it for a pod without a terminal). Needs python3-rich.
"""
import sys

from rich.console import Console
from rich.text import Text


def main():
    width = int(sys.argv[1])
    con = Console(file=sys.stdout, width=width, color_system=None,
                  force_terminal=False, highlight=False)
    for line in sys.stdin.read().splitlines():
        if line.startswith("\u2139 "):
            con.print(Text.assemble("\u2139 ", (line[2:], "bold")))
        elif line.startswith("|"):
            con.print("[bold]" + line + "[/bold]", overflow="ignore",
                      crop=False)
        else:
            con.print(Text(line))


main()
