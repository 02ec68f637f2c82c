"""A one-line key bar: the bindings a reviewer needs now, drawn as one line of text.

Textual's Footer rebuilds a widget per key whenever the bindings change (every screen switch and
focus change), which costs 50-150 ms a time with a dozen keys; this bar redraws one line. Each key
is clickable (it runs the binding's action), and the help panel (?) still lists every binding.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $footer-background; color: $footer-foreground; }
    KeyBar > .key-bar--key { color: $footer-key-foreground; text-style: bold; }
    """
    COMPONENT_CLASSES = {"key-bar--key"}

    def __init__(self) -> None:
        super().__init__(markup=False)
        self._shown: tuple = ()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self._bindings_changed, self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is not self.screen:
            return
        seen: set[str] = set()
        keys = []
        for node, binding, enabled, _tooltip in screen.active_bindings.values():
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            namespace = "app" if node is self.app else "screen" if node is screen else None
            keys.append((self.app.get_key_display(binding), binding.description, namespace, binding.action))
        shown = tuple(keys)
        if shown == self._shown:
            return
        self._shown = shown
        key_style = self.get_component_rich_style("key-bar--key", partial=True, default=Style(bold=True))
        line = Text(no_wrap=True, overflow="ellipsis")
        for display, description, namespace, action in keys:
            click = {"@click": f"{namespace}.{action}"} if namespace else {}
            line.append(f" {display} ", key_style + Style.from_meta(click))
            line.append(f"{description} ", Style.from_meta(click))
        if self.app.ENABLE_COMMAND_PALETTE:
            line.append(" ^p ", key_style + Style.from_meta({"@click": "app.command_palette"}))
            line.append("palette", Style.from_meta({"@click": "app.command_palette"}))
        self.update(line, layout=False)
