"""The classes of billtrack's commands and groups (only Click is imported here: ``billtrack
--help`` loads this module)."""

from __future__ import annotations

import click

#: ``-h`` is ``--help`` on every command, wherever the command is shown: Click takes the names from
#: the context, and a context made without billtrack's settings (sphinx-click's, for the command
#: reference) would otherwise give ``--help`` alone, and Click keeps the first help option it made.
HELP_OPTION_NAMES = ("-h", "--help")


class Command(click.Command):
    """A billtrack command: its help options are :data:`HELP_OPTION_NAMES` in any context."""

    def get_help_option_names(self, ctx: click.Context) -> list[str]:
        return list(HELP_OPTION_NAMES)


class Group(click.Group):
    """A billtrack command group: its help options, its commands' and its subgroups' are
    :data:`HELP_OPTION_NAMES` in any context."""

    command_class = Command
    group_class = type  # a subgroup is of the group's own class

    def get_help_option_names(self, ctx: click.Context) -> list[str]:
        return list(HELP_OPTION_NAMES)
