"""A progress that records what it hears and cancels itself at a chosen report."""

from meguro_jukyo.core.progress import Reporter


class CancelAt(Reporter):
    """Cancels once it has heard ``n`` reports (never, with None); ``seen`` lists them."""

    def __init__(self, n: int | None = None):
        super().__init__(self._heard)
        self.n = n
        self.seen: list[tuple[int, int, str]] = []
        if n == 0:
            self.cancel()

    def _heard(self, done: int, total: int, message: str) -> None:
        self.seen.append((done, total, message))
        if self.n is not None and len(self.seen) >= self.n:
            self.cancel()
