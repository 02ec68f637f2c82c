"""The rumor view: every story that printed the claim, oldest first, and what the reviewer can do
with the rumor as a whole. It calls app.review only."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Sparkline, Static

from app import review
from app.similarity import guards, normalise, prepare
from app.tui.keys import verdict_bindings
from app.tui.widgets.key_bar import KeyBar
from app.tui.widgets.member_list import MemberList, MemberRow, header
from app.wording import counted
from db import session
from db.models import Rumor
from db.queries import rumor_members, rumor_now_holding, rumor_suggestions


class RumorScreen(Screen[int | None]):
    """Dismissed with the id of a member's article to jump to, or None."""

    DEFAULT_CSS = """
    RumorScreen #head { padding: 0 1; border: round $panel; height: 5; }
    RumorScreen #timeline { height: 3; margin: 0 1; }
    RumorScreen #members { height: 1fr; border: round $panel; overflow-y: scroll; }
    RumorScreen #compare { height: 6; border: round $panel; padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape,d", "close", "Back", id="rumor-back"),
        Binding("s", "split", "Split out", id="rumor-split"),
        Binding("c", "canonical", "Make canonical", id="rumor-canonical"),
        Binding("m", "merge", "Merge with…", id="rumor-merge"),
        Binding("g,enter", "jump", "Go to article", id="rumor-jump"),
        Binding("y", "link('confirm')", "Confirm link", id="rumor-confirm"),
        Binding("x", "link('reject')", "Reject link", id="rumor-reject"),
        *verdict_bindings("rumor-verdict", "Rumor: "),
    ]

    def __init__(self, rumor_id: int) -> None:
        super().__init__()
        self.rumor_id = rumor_id
        #: whether anything was done here (the main screen then recounts rumors)
        self.changed = False
        self._rows: list[MemberRow] = []
        self._claims: dict = {}

    def open(self, rumor_id: int) -> RumorScreen:
        """Show another rumor: one instance is kept and reused, so opening costs no compose."""
        self.rumor_id, self.changed = rumor_id, False
        self._claims = {}  # (the last rumor's members: not where this one's went)
        return self

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="head", markup=False)
            yield Sparkline([0], id="timeline")
            yield MemberList(id="members")
            yield Static(id="compare", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(MemberList).border_title = header()

    def on_screen_resume(self) -> None:
        members = self.query_one(MemberList)
        members.set_rows([], cursor=0)
        self.refresh_view()
        members.focus()

    def refresh_view(self) -> None:
        with session(self.app.engine) as s:  # type: ignore[attr-defined]
            rumor = s.get(Rumor, self.rumor_id)
            if rumor is None and self._claims:
                # merged into another by matching (an ingest in another window) since it was shown:
                # follow its members there, and say so
                into = rumor_now_holding(s, list(self._claims))
                if into is not None:
                    self.notify(
                        f"Rumor #{self.rumor_id} was merged into #{into} while this screen was open (new stories "
                        f"came in); nothing was changed. Showing #{into}: check it and press the key again.",
                        severity="warning",
                        timeout=10,
                    )
                    self.rumor_id = into
                    rumor = s.get(Rumor, into)
            members = rumor_members(s, self.rumor_id) if rumor else []
            suggestions = rumor_suggestions(s, self.rumor_id) if rumor else []
        if rumor is None or not members:
            if rumor is None and not self._claims:
                self.notify(
                    f"Rumor #{self.rumor_id} no longer exists: matching merged it into another.", severity="warning"
                )
            self.dismiss(None)
            return
        self._rumor = rumor
        canonical = next((m for m in members if m.claim.id == rumor.canonical_claim_id), members[0])
        self._canonical = canonical
        outlets = {m.outlet for m in members}
        stories = {m.claim.article_id for m in members}
        told = f"{counted(len(stories), 'story', 'stories')}, {counted(len(outlets), 'outlet')}"
        self.query_one("#head", Static).update(
            Text.assemble(
                ("Rumor ", "bold"), f"#{rumor.id}: {told}, ",
                f"first seen {members[0].seen}, last seen {members[-1].seen}; verdict {rumor.verdict or '-'}\n",
                ("Canonical: ", "bold"), canonical.claim.text,
            ),
            layout=False,  # fixed height: no second layout pass
        )  # fmt: skip
        self.query_one("#timeline", Sparkline).data = self._per_day(members)
        rows = [MemberRow(m, canonical=m.claim.id == canonical.claim.id) for m in members]
        # claims matching may belong here: the reviewer decides
        rows += [MemberRow(sug.outside, sug.link_id, sug.score, linked_member=sug.member_id) for sug in suggestions]
        self._rows = rows
        self._claims = {m.claim.id: m.claim for m in members}
        self.query_one(MemberList).set_rows(rows)
        self.compare()

    @staticmethod
    def _per_day(members) -> list[float]:  # type: ignore[no-untyped-def]
        days = Counter(m.seen for m in members)
        try:
            first, last = date.fromisoformat(members[0].seen), date.fromisoformat(members[-1].seen)
        except ValueError:
            return [float(n) for _d, n in sorted(days.items())]
        span = min((last - first).days, 365)
        return [float(days.get((first + timedelta(d)).isoformat(), 0)) for d in range(span + 1)]

    def _selected(self):  # type: ignore[no-untyped-def]
        """The member (or suggested claim) under the cursor."""
        row = self.query_one(MemberList).current
        return row.member if row is not None else None

    def action_link(self, decision: str) -> None:
        row = self.query_one(MemberList).current
        if row is None or row.link_id is None:
            self.notify("Pick a suggested claim (marked ?) to confirm or reject.")
            return
        if decision == "confirm":  # into this rumor, even from another one
            self._run(partial(review.confirm_link, into=self.rumor_id), row.link_id, self.app.reviewer)  # type: ignore[attr-defined]
        else:
            self._run(review.reject_link, row.link_id, self.app.reviewer)  # type: ignore[attr-defined]

    @on(MemberList.Highlighted, "#members")
    def compare(self) -> None:
        """The selected member beside the canonical claim: shared words plain, differing words bold."""
        m = self._selected()
        if m is None:
            return
        canon_words = set(normalise(self._canonical.claim.core).split())
        words = set(normalise(m.claim.core).split())
        line = Text()
        for w in m.claim.core.split():
            line.append(w + " ", style="" if normalise(w) in canon_words else "bold underline")
        missing = [w for w in self._canonical.claim.core.split() if normalise(w) and normalise(w) not in words]
        text = Text()
        row = self.query_one(MemberList).current
        linked = self._claims.get(row.linked_member) if row is not None and row.linked_member is not None else None
        if row is not None and linked is not None:
            # first: the panel is four lines, and a long claim must not push the reason out of view
            why = self._why_suggested(m, linked, row)
            if m.claim.rumor_id is not None:
                why += f"; now in rumor #{m.claim.rumor_id}, confirming (y) moves it here"
            text.append_text(Text.assemble(("Suggested, not automatic: ", "bold"), why, "\n"))
        text.append_text(
            Text.assemble(
                ("Selected:  ", "bold"),
                line,
                "\n",
                ("Canonical has, this lacks: ", "bold"),
                " ".join(missing) or "(nothing)",
            )
        )
        self.query_one("#compare", Static).update(text, layout=False)

    def _why_suggested(self, m, linked, row: MemberRow) -> str:  # type: ignore[no-untyped-def]
        """What kept a suggested link from being made automatically: a guard, or the score."""
        match = self.app.settings.match  # type: ignore[attr-defined]
        a = prepare(0, m.claim.core or m.claim.text, m.claim.negated)
        b = prepare(1, linked.core or linked.text, linked.negated)
        reasons = guards(a, b, match.min_auto_words)
        if row.link_score < match.auto_threshold:
            reasons.append(f"score {row.link_score:.0f} (automatic at {match.auto_threshold:g})")
        # alike enough pairwise: it was the rumor as a whole (canonical claim, latest members) that
        # did not take the claim
        if reasons:
            return ", ".join(reasons)
        return f"scores {row.link_score:.0f} against one member, less against the rumor as a whole"

    def action_close(self) -> None:
        self.dismiss(None)

    @on(MemberList.Selected, "#members")
    def action_jump(self) -> None:
        m = self._selected()
        if m is not None:
            self.dismiss(m.claim.article_id)

    def _run(self, op, *args) -> None:  # type: ignore[no-untyped-def]
        with session(self.app.engine) as s:  # type: ignore[attr-defined]
            try:
                op(s, *args)
                self.changed = True
            except review.ReviewError as exc:
                if s.get(Rumor, self.rumor_id) is not None:  # (a rumor merged away: refresh_view says so)
                    self.notify(str(exc), severity="warning")
        self.refresh_view()

    def action_merge(self) -> None:
        """Pick the rumor to merge this one into with the command palette."""
        from textual.command import CommandPalette

        from app.tui.commands import MergeRumorProvider

        self.app.push_screen(
            CommandPalette(providers=[MergeRumorProvider], placeholder="Merge into the rumor of… (words of its claims)")
        )

    def merge_into(self, keep_id: int) -> None:
        """Merge this rumor into ``keep_id`` and show the merged rumor."""
        merged = self.rumor_id
        with session(self.app.engine) as s:  # type: ignore[attr-defined]
            try:
                review.merge_rumors(s, keep_id, merged, self.app.reviewer)  # type: ignore[attr-defined]
            except review.ReviewError as exc:
                self.notify(str(exc), severity="warning")
                return
        self.changed = True
        self.rumor_id = keep_id
        self.refresh_view()
        self.notify(f"Rumor #{merged} merged into #{keep_id}.")

    def action_split(self) -> None:
        m = self._selected()
        if m is not None and m.claim.rumor_id == self.rumor_id:
            self._run(review.split_claim, m.claim.id, self.app.reviewer)  # type: ignore[attr-defined]

    def action_canonical(self) -> None:
        m = self._selected()
        if m is not None:
            self._run(review.set_canonical, self.rumor_id, m.claim.id, self.app.reviewer)  # type: ignore[attr-defined]

    def action_verdict(self, index: int) -> None:
        verdicts = self.app.settings.verdicts  # type: ignore[attr-defined]
        if index < len(verdicts):
            self._run(review.set_rumor_verdict, self.rumor_id, verdicts[index], self.app.reviewer, self.app.settings)  # type: ignore[attr-defined]
