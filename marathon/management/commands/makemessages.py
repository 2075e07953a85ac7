from django.core.management.commands import makemessages


class Command(makemessages.Command):
    # Sorted entries without source locations keep the catalogue's diffs small,
    # so branches that each add strings merge cleanly.
    xgettext_options = [*makemessages.Command.xgettext_options, "--sort-output", "--no-location"]
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--sort-output", "--no-location"]
    msguniq_options = [*makemessages.Command.msguniq_options, "--sort-output", "--no-location"]
    msgattrib_options = [*makemessages.Command.msgattrib_options, "--sort-output", "--no-location"]
