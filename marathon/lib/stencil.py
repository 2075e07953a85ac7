"""Templates rendered once for everyone they are the same for, each use's own values put in.

Three places render the same output again and again but for a few values: the empty kit
form (its two tokens), every page's header, head and footer (the page's path in the links
to its other languages), and a confirmation e-mail (a first name and two links). Django's
templates cost milliseconds each time; a stencil renders once per key with a hole where
each value goes, and each use is a few string replacements.

A value must be printed as it is, with no filter: a hole is letters and digits, which
autoescaping and the templates leave alone, so the value is put in escaped for HTML
(`html=True`) and as it is for text. Holes are random per process, so no one can type one
into a form to have someone else's value put in its place.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping

from django.core.signals import setting_changed
from django.utils.html import escape

_MARK = "hole" + secrets.token_hex(8)
_stencils: list[Stencil] = []


def hole(name: str) -> str:
    return f"{_MARK}{name.replace('_', '')}end"


class Stencil:
    """Renderings kept per key (the most recently used `kept`), with holes to fill."""

    def __init__(self, kept: int = 64) -> None:
        self.kept = kept
        self._rendered: OrderedDict[Hashable, str] = OrderedDict()
        self._lock = threading.Lock()  # web processes serve requests in threads
        _stencils.append(self)

    def fill(
        self,
        key: Hashable,
        render: Callable[[Mapping[str, str]], str],
        values: Mapping[str, str],
        *,
        html: bool,
    ) -> str:
        """render(holes) once per key (everything else it shows must be in the key), then
        each value put in its hole."""
        with self._lock:
            rendered = self._rendered.get(key)
            if rendered is not None:
                self._rendered.move_to_end(key)
        if rendered is None:
            rendered = render({name: hole(name) for name in values})
            with self._lock:
                self._rendered[key] = rendered
                while len(self._rendered) > self.kept:
                    self._rendered.popitem(last=False)
        for name, value in values.items():
            rendered = rendered.replace(hole(name), escape(value) if html else value)
        return rendered

    def forget(self) -> None:
        with self._lock:
            self._rendered.clear()


def forget_all(**_kwargs: object) -> None:
    """Templates or the settings they show changed (tests)."""
    for stencil in _stencils:
        stencil.forget()


setting_changed.connect(forget_all)
