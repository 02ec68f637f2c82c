from app.wording import counted


def test_counts_read_in_the_singular_for_one():
    assert [counted(n, "story", "stories") for n in (0, 1, 2)] == ["0 stories", "1 story", "2 stories"]
    assert [counted(n, "outlet") for n in (1, 5)] == ["1 outlet", "5 outlets"]
