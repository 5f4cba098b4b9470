"""The hooks of LinkedIn's pages a public source confirms (docs/linkedin-facts.md, a copy of LINKEDIN.md).

Only these may be the one way a locator finds an element. Every other locator needs a strategy that finds its
element by structure (a role, the page's only switch, a case number's shape) and not by a guessed id, class or
wording, or says what the bot does when nothing matches (`Locator.unmatched`). tests/test_codebase.py checks it.
"""

from __future__ import annotations

import re

CONFIRMED_HOOKS = (
    # login page [joeyism/linkedin_scraper, AIHawk, PABlond/LinBot, vesaias/JobNavigator]
    "username", "password", "session_key", "session_password", "current-password", "login-submit",
    "error-for-username", "error-for-password", "remember-me-prompt__form-primary",
    # logged-in markers [docs/linkedin-facts.md "Login page"]
    "global-nav__primary-link", "global-nav__me", "feed-identity-module",
    # challenges [ScrapedIn #31, AIHawk]
    "email-pin-challenge", "input__email_verification_pin", "email-pin-submit-button",
    "input__phone_verification_pin", "captcha",
    # settings switches [brave/psst-component src/linkedin/user.ts]
    "allowDataForGenerativeAI", "shareDataWithTrustedPartners", "allowAnonymizedDataResearch",
    "allowProfileAndActivityDataForMarketingAds", "tipsForUsingLinkedinViaEmail", "allowAdsByAge",
    "allowAdsByGender", "allowLinkedInAudienceNetwork", "allowUseOfThirdPartyData", "allowConversionTrackings",
    "allowIpToPersonalizeAds", "adsPrivacyAllowInterestsAndBehaviors", "nonEssentialCookieConsent",
    "artdeco-toggle",
)
_CONFIRMED = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, CONFIRMED_HOOKS)) + r")(?![\w-])")


def relies_on_confirmed_hook(expression: str) -> bool:
    return _CONFIRMED.search(expression) is not None
