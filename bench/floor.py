"""The floor: the bot's page actions as a bare, straight-line Selenium script.

No state check, no verification, no journal, no retries, no fallback locators. It logs in, then for each setting
opens its page, waits for the switch, clicks it and waits for the background save to end (leaving earlier can
cancel the save, so even a bare script must wait); for each objection it opens the form, chooses the objection,
submits and waits for the case number. Name and email are prefilled by the site, as for the bot. With `shoot` it
also takes the bot's 8 evidence screenshots at the same points (a setting before and after, a form filled and
confirmed); without, none.

Its browser gets the same command-line flags as the bot's (what Chromium needs to run headless here) and nothing
else, so whatever the bot adds to its driver counts as the bot's.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from bench.common import new_member, require_private, say
from bot.browser import BrowserOptions, Discovery, chrome_arguments
from bot.private_files import make_private_dir
from flows.base import POLL_S as BOT_POLL_S

POLL_S = BOT_POLL_S  # the bot's poll interval: the floor pays the same waiting granularity
SETTINGS = (
    ("genai-setting", "/mypreferences/d/settings/data-for-ai-improvement", "allowDataForGenerativeAI"),
    ("partner-sharing", "/mypreferences/d/settings/share-data-with-select-partners", "shareDataWithTrustedPartners"),
)
OBJECTIONS = (("objection-ai-training", "ai-training"), ("objection-personalization", "personalization-ml"))
FORM_PATH = "/help/linkedin/ask/TS-DPRO"


def bare_driver(found: Discovery, profile: Path) -> WebDriver:
    """A plain Chrome session with the flags Chromium needs here, and no other options."""
    chrome = webdriver.ChromeOptions()
    chrome.binary_location = found.browser_path or ""
    for argument in chrome_arguments(BrowserOptions(profile_dir=profile)):
        chrome.add_argument(argument)
    service = Service(executable_path=found.driver_path, log_output=subprocess.DEVNULL)
    return webdriver.Chrome(service=service, options=chrome)


class _Laps:
    def __init__(self) -> None:
        self.phases: dict[str, float] = {}
        self._mark = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.phases[name] = now - self._mark
        self._mark = now


def _saved(switch: WebElement) -> Callable[[WebDriver], bool]:
    """The background save has ended: the page removes aria-busy from the switch."""
    return lambda _: switch.get_attribute("aria-busy") is None


def page_actions(driver: WebDriver, base_url: str, email: str, password: str, timeout: float = 15.0,
                 shoot: Callable[[str], None] | None = None) -> dict[str, float]:
    """Do the whole opt-out the shortest way; seconds per phase (login, then one per flow, named as the bot's)."""
    wait = WebDriverWait(driver, timeout, poll_frequency=POLL_S)
    take = shoot or (lambda _: None)
    laps = _Laps()
    driver.get(base_url + "/login")
    driver.find_element(By.ID, "username").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "button[aria-label='Sign in']").click()
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".global-nav__me")))
    laps.lap("login")
    for name, path, label_id in SETTINGS:
        driver.get(base_url + path)
        switch = wait.until(ec.element_to_be_clickable(
            (By.CSS_SELECTOR, f'input[role="switch"][aria-labelledby="{label_id}"]')))
        take(f"{name}-before")
        switch.click()
        wait.until(_saved(switch))
        take(f"{name}-after")
        laps.lap(name)
    for name, kind in OBJECTIONS:
        driver.get(base_url + FORM_PATH)
        Select(driver.find_element(By.ID, "dyna-request_type")).select_by_value("objection")
        Select(wait.until(ec.presence_of_element_located((By.ID, "dyna-objection_type")))).select_by_value(kind)
        take(f"{name}-filled")
        driver.find_element(By.ID, "dynaform-submit").click()
        wait.until(ec.presence_of_element_located((By.ID, "case-number")))
        take(f"{name}-confirmation")
        laps.lap(name)
    return laps.phases


def floor_throughput(server: Any, found: Discovery, root: Path, workers: int, size: int) -> dict[str, Any]:
    """The floor script in `workers` threads over `size` fresh members: how far a bare script scales on this
    machine, beside the bot's batch (Chromium's own processes keep more than one core busy per browser)."""
    members = [new_member(server, f"floor-w{workers}.m{n:03d}@example.com") for n in range(size)]

    def one(index: int) -> None:
        account, password = members[index]
        driver = bare_driver(found, make_private_dir(root / f"w{workers}-{index}"))
        try:
            page_actions(driver, server.url, account.email, password)
        finally:
            driver.quit()

    begin = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, range(size)))
    wall = time.perf_counter() - begin
    require_private(server, [account.email for account, _ in members])
    return {"workers": workers, "accounts": size, "wall_s": wall, "per_min": size / wall * 60}


def run_floor_batch(server: Any, found: Discovery, root: Path, worker_counts: tuple[int, ...], size: int
                    ) -> dict[str, Any]:
    by_workers = {}
    for workers in worker_counts:
        say(f"floor batch: {size} accounts, {workers} worker(s)")
        by_workers[str(workers)] = floor_throughput(server, found, root, workers, size)
        say(f"  {by_workers[str(workers)]['per_min']:.1f} accounts/min")
    speedup = by_workers["2"]["per_min"] / by_workers["1"]["per_min"] if {"1", "2"} <= set(by_workers) else None
    return {"accounts": size, "by_workers": by_workers, "speedup_2_over_1": speedup}
