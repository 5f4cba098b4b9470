"""The accounts CSV is checked whole before anything runs; every problem names its row and no secret."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from bot.accounts import Account, is_valid_email, load_accounts, single_account
from bot.errors import BadInput
from bot.secret import Secret
from flows.plan import DEFAULT_PLAN, GENAI_SETTING, OBJECTION_AI_TRAINING, OBJECTION_PERSONALIZATION

PASSWORD = "Pw-zq81-DISTINCTIVE"
TOTP = "JBSWY3DPEHPK3PXP"
LI_AT = "AQEDAR-cookie-DISTINCTIVE"


def write(tmp_path: Path, text: str | bytes, mode: int = 0o600, name: str = "accounts.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    path.chmod(mode)
    return path


def problems_of(path: Path, environ: dict[str, str] | None = None) -> BadInput:
    with pytest.raises(BadInput) as caught:
        load_accounts(path, environ or {})
    return caught.value


def test_comma_delimited_file_is_read(tmp_path):
    path = write(tmp_path, f"email,password,label\nana@example.com,{PASSWORD},Ana\n")
    [account] = load_accounts(path, {}).accounts
    assert account == Account("ana@example.com", password=Secret(PASSWORD), label="Ana", row=2)


def test_semicolon_delimited_file_is_read(tmp_path):
    path = write(tmp_path, f"email;password;label\nana@example.com;{PASSWORD};Ana, Sales\n")
    [account] = load_accounts(path, {}).accounts
    assert (account.email, account.password) == ("ana@example.com", Secret(PASSWORD))
    assert account.label == "Ana, Sales"


def test_flows_separated_by_semicolons_work_in_a_comma_file(tmp_path):
    path = write(tmp_path, "email,li_at,flows\nana@example.com,x,genai-setting;objection-ai-training\n")
    [account] = load_accounts(path, {}).accounts
    assert account.flows == (GENAI_SETTING, OBJECTION_AI_TRAINING)


def test_flow_group_is_expanded(tmp_path):
    path = write(tmp_path, "email,li_at,flows\nana@example.com,x,objection-form\n")
    [account] = load_accounts(path, {}).accounts
    assert account.flows == (OBJECTION_AI_TRAINING, OBJECTION_PERSONALIZATION)


def test_empty_flows_means_the_default_plan(tmp_path):
    path = write(tmp_path, "email,li_at,flows\nana@example.com,x,\n")
    [account] = load_accounts(path, {}).accounts
    assert account.flows is None


def test_header_names_are_case_insensitive_and_stripped(tmp_path):
    path = write(tmp_path, " Email , PASSWORD ,Label\nana@example.com,pw,Ana\n")
    [account] = load_accounts(path, {}).accounts
    assert (account.email, account.password, account.label) == ("ana@example.com", Secret("pw"), "Ana")


def test_email_and_fields_are_stripped_and_email_lower_cased(tmp_path):
    path = write(tmp_path, "email,password,label\n  Ana@Example.COM ,  pw  ,  Ana  \n")
    [account] = load_accounts(path, {}).accounts
    assert (account.email, account.password, account.label) == ("ana@example.com", Secret("pw"), "Ana")


def test_bom_is_ignored(tmp_path):
    path = write(tmp_path, "\ufeffemail,password\nana@example.com,pw\n")
    assert [a.email for a in load_accounts(path, {}).accounts] == ["ana@example.com"]


def test_crlf_line_endings_are_read(tmp_path):
    path = write(tmp_path, "email,password\r\nana@example.com,pw\r\nbo@example.com,pw\r\n")
    assert [a.row for a in load_accounts(path, {}).accounts] == [2, 3]


def test_blank_lines_are_ignored_and_rows_keep_their_line_numbers(tmp_path):
    path = write(tmp_path, "email,password\n\nana@example.com,pw\n  \n,,\nbo@example.com,pw\n\n")
    assert [(a.email, a.row) for a in load_accounts(path, {}).accounts] == [
        ("ana@example.com", 3), ("bo@example.com", 6)]


def test_quoted_fields_keep_commas_quotes_and_newlines(tmp_path):
    path = write(tmp_path, 'email,password,label\n'
                           'ana@example.com,"p,w""x","two\nlines"\n'
                           'bo@example.com,pw,\n')
    ana, bo = load_accounts(path, {}).accounts
    assert (ana.password, ana.label, bo.row) == (Secret('p,w"x'), "two\nlines", 4)


def test_unterminated_quote_is_a_problem_on_its_row(tmp_path):
    path = write(tmp_path, 'email,password\nana@example.com,pw\nbo@example.com,"pw\n')
    assert problems_of(path).problems == ["row 3: not valid CSV (unexpected end of data)"]


def test_password_env_reads_environment(tmp_path):
    path = write(tmp_path, "email,password_env\nana@example.com,ANA_PASSWORD\n")
    [account] = load_accounts(path, {"ANA_PASSWORD": PASSWORD}).accounts
    assert account.password == Secret(PASSWORD)


def test_totp_env_and_li_at_env_read_environment(tmp_path):
    path = write(tmp_path, "email,li_at_env,totp_env\nana@example.com,ANA_LI_AT,ANA_TOTP\n")
    [account] = load_accounts(path, {"ANA_LI_AT": LI_AT, "ANA_TOTP": TOTP}).accounts
    assert (account.li_at, account.totp_secret) == (Secret(LI_AT), Secret(TOTP))


def test_unset_password_env_is_a_problem_naming_the_variable(tmp_path):
    path = write(tmp_path, "email,password_env\nana@example.com,ANA_PASSWORD\n")
    assert problems_of(path, {"OTHER": PASSWORD}).problems == [
        "row 2: password_env names ANA_PASSWORD, which is not set"]


def test_empty_password_env_is_a_problem(tmp_path):
    path = write(tmp_path, "email,password_env\nana@example.com,ANA_PASSWORD\n")
    assert problems_of(path, {"ANA_PASSWORD": " "}).problems == [
        "row 2: password_env names ANA_PASSWORD, which is empty"]


def test_env_column_holding_something_else_than_a_name_is_not_echoed(tmp_path):
    path = write(tmp_path, f"email,password_env\nana@example.com,{PASSWORD}\n")
    error = problems_of(path)
    assert error.problems == ["row 2: password_env is not an environment variable name (letters, digits, _)"]


def test_password_and_password_env_together_is_a_problem(tmp_path):
    path = write(tmp_path, "email,password,password_env\nana@example.com,pw,ANA_PASSWORD\n")
    assert problems_of(path, {"ANA_PASSWORD": "pw"}).problems == [
        "row 2: both password and password_env given; keep one"]


def test_li_at_alone_is_a_credential(tmp_path):
    path = write(tmp_path, f"email,li_at\nana@example.com,{LI_AT}\n")
    [account] = load_accounts(path, {}).accounts
    assert (account.password, account.li_at) == (None, Secret(LI_AT))


def test_row_without_credential_is_a_problem(tmp_path):
    path = write(tmp_path, f"email,password,totp_secret\nana@example.com,,{TOTP}\n")
    assert problems_of(path).problems == [
        "row 2: no credential (give password, password_env, li_at or li_at_env)"]


def test_totp_secret_in_spaced_lower_case_groups_is_normalised(tmp_path):
    path = write(tmp_path, "email,password,totp_secret\nana@example.com,pw,jbsw y3dp ehpk 3pxp\n")
    [account] = load_accounts(path, {}).accounts
    assert account.totp_secret == Secret(TOTP)


def test_totp_secret_that_is_not_base32_is_a_problem(tmp_path):
    path = write(tmp_path, "email,password,totp_secret\nana@example.com,pw,not-base32!\n")
    assert problems_of(path).problems == ["row 2: the TOTP secret is not a base32 key"]


def test_missing_email_is_a_problem(tmp_path):
    path = write(tmp_path, "email,password\n,pw\n")
    assert problems_of(path).problems == ["row 2: no email"]


def test_malformed_email_is_a_problem(tmp_path):
    path = write(tmp_path, "email,password\nnot-an-email,pw\n")
    assert problems_of(path).problems == ["row 2: malformed email 'not-an-email'"]


def test_duplicate_email_names_both_rows(tmp_path):
    path = write(tmp_path, "email,password\nana@example.com,pw\nbo@example.com,pw\nANA@example.com,pw\n")
    assert problems_of(path).problems == ["row 4: duplicate email 'ana@example.com' (also on row 2)"]


def test_unknown_flow_is_a_problem_on_its_row(tmp_path):
    path = write(tmp_path, "email,password,flows\nana@example.com,pw,genai-setting;no-such-flow\n")
    [problem] = problems_of(path).problems
    assert problem.startswith("row 2: unknown flow 'no-such-flow' (known: genai-setting")


def test_unknown_column_is_a_problem_with_a_guess(tmp_path):
    path = write(tmp_path, "email,pasword\nana@example.com,pw\n")
    assert "row 1 (header): unknown column 'pasword' (did you mean 'password'?)" in problems_of(path).problems


def test_header_without_email_column_is_a_problem_and_rows_are_not_guessed(tmp_path):
    path = write(tmp_path, "e-mail address\tpassword\nana@example.com\tpw\n")
    assert problems_of(path).problems[-1] == "row 1 (header): no 'email' column"


def test_row_with_more_fields_than_the_header_is_a_problem(tmp_path):
    path = write(tmp_path, "email,password\nana@example.com,pw,extra\n")
    assert problems_of(path).problems == [
        "row 2: 3 fields but the header has 2 columns (a value holding the delimiter needs quotes)"]


def test_empty_file_is_refused(tmp_path):
    assert problems_of(write(tmp_path, "")).problems == ["no accounts: the file is empty"]


def test_header_only_file_is_refused(tmp_path):
    assert problems_of(write(tmp_path, "email,password\n\n")).problems == [
        "no accounts: the file has a header row and nothing below it"]


def test_missing_file_is_refused(tmp_path):
    error = problems_of(tmp_path / "nope.csv")
    assert error.message == f"{tmp_path / 'nope.csv'}: no such file"


def test_directory_is_refused(tmp_path):
    assert problems_of(tmp_path).message == f"{tmp_path}: is a directory, not a CSV file"


def test_binary_file_is_refused(tmp_path):
    path = write(tmp_path, b"email,password\n\x00\x01\x02")
    assert problems_of(path).message == f"{path}: not UTF-8 text (byte offset 15)"


def test_text_in_another_encoding_is_refused_with_the_byte_offset(tmp_path):
    path = write(tmp_path, codecs.BOM_UTF8 + "email,label\nana@example.com,Jos\u00e9\n".encode("latin-1"))
    # the BOM (3 bytes) counts, so the offset matches what a hex editor shows
    assert problems_of(path).message == f"{path}: not UTF-8 text (byte offset 34)"


def test_utf16_file_from_a_spreadsheet_is_refused(tmp_path):
    path = write(tmp_path, "email,password\nana@example.com,pw\n".encode("utf-16"))
    assert "not UTF-8 text" in problems_of(path).message


def test_file_over_10_mb_is_refused(tmp_path):
    path = write(tmp_path, "email,password\n" + "x" * (10 * 1024 * 1024))
    assert problems_of(path).message == f"{path}: larger than 10 MB"


def test_more_than_10000_rows_is_refused(tmp_path):
    rows = "".join(f"user{n}@example.com,pw\n" for n in range(10_001))
    error = problems_of(write(tmp_path, "email,password\n" + rows))
    assert error.problems == ["row 10002: more than 10,000 accounts; split the file"]


def test_exactly_10000_rows_are_read(tmp_path):
    rows = "".join(f"user{n}@example.com,pw\n" for n in range(10_000))
    assert len(load_accounts(write(tmp_path, "email,password\n" + rows), {}).accounts) == 10_000


def test_every_problem_is_listed_with_its_row(tmp_path):
    path = write(tmp_path, "email,password,password_env,flows\n"
                           "not-an-email,pw,,\n"
                           "ana@example.com,,,\n"
                           "bo@example.com,,BO_PASSWORD,\n"
                           "cy@example.com,pw,,nope\n"
                           "bo@example.com,pw,,\n")
    problems = problems_of(path).problems
    assert [p.split(":")[0] for p in problems] == ["row 2", "row 3", "row 4", "row 5", "row 6"]
    assert "row 6: duplicate email 'bo@example.com' (also on row 4)" in problems


def test_message_is_one_line_naming_the_file_count_and_first_five_problems(tmp_path):
    rows = "".join(f"bad{n},pw\n" for n in range(7))
    error = problems_of(write(tmp_path, "email,password\n" + rows))
    assert "\n" not in error.message
    path = tmp_path / "accounts.csv"
    assert error.message.startswith(f"{path}: 7 problems: row 2: malformed email 'bad0'; ")
    assert error.message.endswith("row 6: malformed email 'bad4'; and 2 more")
    assert len(error.problems) == 7


def test_messages_never_contain_secrets(tmp_path):
    path = write(tmp_path, "email,password,password_env,totp_secret,li_at,flows\n"
                           f"ana@example.com,{PASSWORD},ANA_PW,{TOTP},{LI_AT},nope\n"
                           f"ana@example.com,{PASSWORD},,{TOTP}x!,{LI_AT},\n"
                           f"bad-email,{PASSWORD},,,{LI_AT},,{PASSWORD}\n"
                           f"bo@example.com,,{LI_AT},,,\n", mode=0o644)
    error = problems_of(path, {"ANA_PW": PASSWORD})
    said = " ".join([str(error), error.message, error.hint, *error.problems])
    for secret in (PASSWORD, TOTP, LI_AT, "DISTINCTIVE"):
        assert secret not in said


def test_world_readable_plaintext_warns(tmp_path):
    path = write(tmp_path, "email,password\nana@example.com,pw\n", mode=0o644)
    assert load_accounts(path, {}).warnings == [
        f"{path} holds plaintext passwords and is readable by other users; run: chmod 600 {path}"]


def test_group_readable_plaintext_cookie_warns(tmp_path):
    path = write(tmp_path, "email,li_at\nana@example.com,x\n", mode=0o640)
    [warning] = load_accounts(path, {}).warnings
    assert "holds plaintext li_at cookies" in warning


def test_private_file_does_not_warn(tmp_path):
    path = write(tmp_path, "email,password\nana@example.com,pw\n", mode=0o600)
    assert load_accounts(path, {}).warnings == []


def test_readable_file_with_only_env_names_does_not_warn(tmp_path):
    path = write(tmp_path, "email,password_env\nana@example.com,ANA_PW\n", mode=0o644)
    assert load_accounts(path, {"ANA_PW": "pw"}).warnings == []


def test_repr_hides_secrets(tmp_path):
    path = write(tmp_path, f"email,password,totp_secret,li_at\nana@example.com,{PASSWORD},{TOTP},{LI_AT}\n")
    shown = repr(load_accounts(path, {}))
    assert "ana@example.com" in shown
    for secret in (PASSWORD, TOTP, LI_AT):
        assert secret not in shown


def test_slug_is_filesystem_safe_and_readable():
    slug = Account("Ana.Maria+li@example.com").slug
    assert slug.startswith("ana.maria_li_example.com-")
    assert all(c.isalnum() or c in "._-" for c in slug)


def test_slug_is_stable_and_unique_per_email():
    assert Account("ana@example.com", password=Secret("a")).slug == Account("ANA@example.com").slug
    assert Account("a+b@example.com").slug != Account("a_b@example.com").slug


def test_slug_holds_no_secret():
    assert PASSWORD not in Account("ana@example.com", password=Secret(PASSWORD)).slug


@pytest.mark.parametrize("text", ["ana@example.com", "ana.maria+li@mail.example.co.uk", "x@b\u00fccher.de"])
def test_real_addresses_are_valid_emails(text):
    assert is_valid_email(text)


@pytest.mark.parametrize("text", ["", "ana", "ana@", "@example.com", "ana@example", "ana @example.com",
                                  "Ana <ana@example.com>", "ana@@example.com", "ana@example..com",
                                  "a,b@x.com"])
def test_slips_are_not_valid_emails(text):
    assert not is_valid_email(text)


def test_single_account_is_built_and_normalised():
    account = single_account(" Ana@Example.com ", PASSWORD, "jbsw y3dp ehpk 3pxp", None, ["objection-form"])
    assert account == Account("ana@example.com", Secret(PASSWORD), Secret(TOTP), None,
                              (OBJECTION_AI_TRAINING, OBJECTION_PERSONALIZATION))


def test_single_account_without_flows_keeps_the_default_plan():
    assert single_account("ana@example.com", li_at=Secret(LI_AT)).flows is None
    assert DEFAULT_PLAN  # the runner expands None into this


def test_single_account_refuses_a_malformed_email():
    with pytest.raises(BadInput, match=r"^LINKEDIN_EMAIL is not an email address: 'ana\.example\.com'$"):
        single_account("ana.example.com", PASSWORD)


def test_single_account_refuses_an_unknown_flow():
    with pytest.raises(BadInput, match="unknown flow 'nope'"):
        single_account("ana@example.com", PASSWORD, flows=["nope"])


def test_single_account_refuses_a_bad_totp_secret_without_showing_it():
    with pytest.raises(BadInput) as caught:
        single_account("ana@example.com", PASSWORD, totp_secret="Not-Base32-DISTINCTIVE!")
    assert "DISTINCTIVE" not in str(caught.value) + caught.value.hint
