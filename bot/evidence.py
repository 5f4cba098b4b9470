"""Screenshots and page snapshots that prove what the bot saw, with every known secret kept out."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from pathlib import Path

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.remote.webdriver import WebDriver

from bot.private_files import make_private_dir, reason, write_private

log = logging.getLogger(__name__)
_UNSAFE = re.compile(r"[^a-z0-9._-]+")
_VALUE_OF_SECRET_INPUTS = re.compile(r'(<input[^>]*type="?(?:password|hidden)"?[^>]*value=")[^"]*(")', re.I)


class Evidence:
    """Evidence for one account in one run, under `<run folder>/evidence/<account slug>/`."""

    def __init__(self, run_folder: Path, slug: str, secrets: Iterable[str]) -> None:
        self.run_folder = run_folder
        self.folder = run_folder / "evidence" / slug
        self._secrets = [s for s in secrets if s]
        self._count = 0
        self.problem = ""  # why evidence could not be saved (a full disk): said once, and the run goes on

    def _save(self, name: str, suffix: str, data: bytes) -> str | None:
        """Write one piece of evidence; None when the disk refused it (full, read-only, over quota)."""
        try:
            path = self._path(name, suffix)
            write_private(path, data)
        except OSError as error:
            if not self.problem:
                self.problem = f"evidence could not be saved in {self.folder} ({reason(error)})"
                log.warning("%s; the opt-outs go on without it", self.problem)
            return None
        return self.relative(path)

    def _path(self, name: str, suffix: str) -> Path:
        make_private_dir(self.folder)
        self._count += 1
        return self.folder / f"{self._count:02d}-{_UNSAFE.sub('-', name.lower()).strip('-')}{suffix}"

    def relative(self, path: Path) -> str:
        return str(path.relative_to(self.run_folder))

    def screenshot(self, driver: WebDriver, name: str) -> str | None:
        """A PNG of the page, or None when the browser could not take one (it never stops a run)."""
        try:
            png = driver.get_screenshot_as_png()
        except WebDriverException:
            return None
        return self._save(name, ".png", png)

    def snapshot(self, driver: WebDriver, name: str) -> list[str]:
        """The page's HTML (secrets removed) and a screenshot, for a bug report when a page changed."""
        saved = []
        try:
            html = driver.page_source
        except WebDriverException:
            html = None
        if html is not None and (page := self._save(name, ".html", self.scrub(html).encode("utf-8"))):
            saved.append(page)
        shot = self.screenshot(driver, name)
        return [*saved, shot] if shot else saved

    def scrub(self, text: str) -> str:
        text = _VALUE_OF_SECRET_INPUTS.sub(r"\1[removed]\2", text)
        for secret in self._secrets:
            text = text.replace(secret, "[removed]")
        return text
