"""From a web form on a company's site to the sales funnel report, in a real browser.

An admin designs a web form (its fields, labels, thanks and allowed site; saved switched off
first, then switched on) and copies the snippet the page gives; a visitor fills that snippet
on the company's site (served by the browser itself under the allowed origin) and sends it;
the lead shows on the board's first stage with what the visitor typed; staff e-mail the
lead a questionnaire, whose link the mail catcher shows; the visitor answers it from that
link; the answers show on the lead; staff move the lead through the stages and lose it with
a reason; the funnel report counts it in each stage it entered, with its charts drawn.

Public endpoints are rate limited (the form 10 a minute, links and questionnaires 60): the
visitor posts the form once and opens the questionnaire link once.
"""

from __future__ import annotations

import re
from typing import Any

from tests.browser.conftest import LiveServer
from tests.browser.staff import (  # noqa: F401  (staff_server: a fixture)
    run,
    sign_in,
    someone_else,
    staff_server,
    upgraded,
)

FORM = "Contact us"
SITE = "http://www.racks-and-more.test"
"""The company's own site, where the form's snippet is pasted (an allowed origin)."""
VISITOR, COMPANY, EMAIL = "Andrei Popescu", "Popescu Logistic SRL", "andrei@popescu.test"
PHONE_NUMBER, BUDGET = "+40 721 000 111", "12000"
NEED = "Pallet racks for 400 places in our Cluj warehouse."
THANKS = "Thank you, Andrei will hear from us within a day."
LEAD = f"{FORM}: {COMPANY}"
QUESTIONNAIRE = "Warehouse needs"
QUESTIONS = ("choice | How many pallet places? | required | up to 100; 100 to 500; over 500\n"
             "yes_no | Do you need assembly? | required\n"
             "date | When should the racks be ready? | optional\n"
             "text | Anything else? | optional")
ANSWERS = {"How many pallet places?": "100 to 500", "Do you need assembly?": "Yes",
           "When should the racks be ready?": "2027-03-01",
           "Anything else?": "Forklift aisles of 3 m."}
STEPS = ("Qualified", "Proposal")
REASON, NOTE = "Price too high", "Went with second-hand racks."


def _menu(page: Any, name: str) -> None:
    """Open a page from the sidebar, as staff do."""
    label = page.locator("span", has_text=re.compile(f"^{re.escape(name)}$"))
    page.locator("#k-sidebar a", has=label).click()


def _design_the_form(page: Any, server: LiveServer) -> str:
    """The snippet the form's page offers, after designing the form (saved switched off,
    then switched on)."""
    from playwright.sync_api import expect

    _menu(page, "Web forms")
    expect(page).to_have_url(re.compile("/leads/forms$"))
    page.locator(".k-page-head").get_by_role("link", name="New web form").click()
    page.locator("#f-name").fill(FORM)
    for field in ("Company", "Phone", "Budget"):               # name, e-mail, message: preset
        page.get_by_label(f"Ask: {field}", exact=True).check()
    page.get_by_label("Required: Company", exact=True).check()
    page.get_by_label("Required: Message", exact=True).check()
    page.get_by_label("Label (en): Message", exact=True).fill("What do you need?")
    page.get_by_label("Thank-you message (en)").fill(THANKS)
    page.get_by_label(re.compile("^Allowed sites")).fill(SITE)
    active = page.get_by_role("switch", name="Active")
    expect(active).to_be_checked()
    active.uncheck()                                          # not on the site yet
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Web form saved.")).to_be_visible()
    expect(page.get_by_role("switch", name="Active")).not_to_be_checked()
    form_url = page.url

    _menu(page, "Web forms")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=FORM))
    expect(row).to_contain_text("No")
    expect(row).to_contain_text(SITE)
    row.get_by_role("link", name=FORM).click()
    expect(page).to_have_url(form_url)
    page.get_by_role("switch", name="Active").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Web form saved.")).to_be_visible()
    expect(page.get_by_role("switch", name="Active")).to_be_checked()
    _menu(page, "Web forms")
    expect(page.get_by_role("row").filter(has=page.get_by_role("link", name=FORM))
           ).to_contain_text("Yes")

    page.go_back()
    box = page.locator("#form-snippet")
    expect(box.locator("code").first).to_have_text(
        re.compile(re.escape(server.url("/api/v1/leads/forms/")) + r"\S+$"))
    snippet = box.locator("pre code").inner_text()
    assert "What do you need?" in snippet and 'name="budget"' in snippet, snippet
    return snippet


def _visitor_sends_the_form(browser: Any, snippet: str) -> None:
    """The visitor fills the snippet on the company's contact page and sends it."""
    from playwright.sync_api import expect

    contact_page = ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
                    "<title>Contact - Racks and More</title></head><body><main>"
                    f"<h1>Contact us</h1>{snippet}</main></body></html>")
    with someone_else(browser, "test_a_web_form_lead_through_the_funnel-visitor") as visitor:
        visitor.route(f"{SITE}/contact", lambda route: route.fulfill(
            status=200, content_type="text/html; charset=utf-8", body=contact_page))
        visitor.goto(f"{SITE}/contact")
        form = visitor.locator("form.kontora-form")
        form.get_by_label("Name").fill(VISITOR)
        form.get_by_label("E-mail").fill(EMAIL)
        form.get_by_label("Company").fill(COMPANY)
        form.get_by_label("Phone").fill(PHONE_NUMBER)
        form.get_by_label("Budget").fill(BUDGET)
        form.get_by_label("What do you need?").fill(NEED)
        form.get_by_role("button", name="Send").click()
        expect(visitor.get_by_text(THANKS)).to_be_visible()
        expect(visitor).to_have_title(THANKS)


def _lead_on_the_board(page: Any) -> str:
    """The lead page's address, reached from the card on the board's first stage."""
    from playwright.sync_api import expect

    _menu(page, "Sales board")
    first = page.get_by_role("region", name="New", exact=True)
    first.get_by_role("link", name=LEAD).click()
    expect(page.locator("h1")).to_contain_text(LEAD)
    for field, value in (("company_name", COMPANY), ("person_name", VISITOR),
                         ("email", EMAIL), ("phone", PHONE_NUMBER), ("description", NEED),
                         ("source", "Web form")):
        expect(page.locator(f"dd[data-field={field}]")).to_contain_text(value)
    expect(page.locator("dd[data-field=budget]")).to_contain_text("12,000")
    expect(page.locator("#lead-stage [data-status]")).to_have_text("Open")
    expect(page.locator("#lead-stage [aria-current=step]")).to_have_text("New")
    return page.url


def _questionnaire_template(page: Any) -> None:
    from playwright.sync_api import expect

    _menu(page, "Questionnaires")
    page.locator(".k-page-head").get_by_role("link", name="New questionnaire").click()
    page.locator("#f-name").fill(QUESTIONNAIRE)
    page.get_by_label("Introduction shown to the client").fill("Four questions about racks.")
    page.get_by_label(re.compile("^Questions, one per line")).fill(QUESTIONS)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Questionnaire saved.")).to_be_visible()


def _questionnaires_tab(page: Any) -> Any:
    """The lead page's questionnaires, its tab opened."""
    from playwright.sync_api import expect

    page.get_by_role("tab", name="Questionnaires").click()
    panel = page.locator("[id^=questionnaires-leads-lead-]")
    expect(panel).to_be_visible()
    return panel


def _send_the_questionnaire(page: Any, server: LiveServer, lead_url: str) -> str:
    """The link e-mailed to the visitor, as the mail catcher shows it (the same the page
    flashed to the sender)."""
    from playwright.sync_api import expect

    page.goto(lead_url)
    panel = _questionnaires_tab(page)
    expect(panel).to_contain_text("No questionnaire sent yet.")
    panel.get_by_label("Questionnaire").select_option(label=QUESTIONNAIRE)
    panel.get_by_label("E-mail it to (optional)").fill(EMAIL)
    panel.get_by_role("button", name="Send").click()
    flashed = page.get_by_text("The questionnaire link:")
    expect(flashed).to_be_visible()
    shown = re.search(re.escape(server.base) + r"/l/\S+", flashed.inner_text()).group(0)
    panel = _questionnaires_tab(page)
    expect(panel.locator("[data-response]")).to_contain_text(QUESTIONNAIRE)
    expect(panel.locator("[data-response]")).to_contain_text("valid until")

    _menu(page, "Outgoing mail")
    expect(page.locator("[data-caught]")).to_be_visible()
    page.get_by_role("link", name=QUESTIONNAIRE).first.click()
    expect(page.get_by_text(EMAIL).first).to_be_visible()
    link = page.locator("[data-body] a").first
    expect(link).to_have_attribute("href", shown)
    return shown


def _visitor_answers(browser: Any, link: str) -> None:
    from playwright.sync_api import expect

    with someone_else(browser, "test_a_web_form_lead_through_the_funnel-answers") as visitor:
        visitor.goto(link)
        expect(visitor.locator("h1")).to_contain_text(QUESTIONNAIRE)
        expect(visitor.get_by_text("Four questions about racks.")).to_be_visible()
        visitor.get_by_label("How many pallet places?").select_option("100 to 500")
        visitor.get_by_role("group", name=re.compile("Do you need assembly")).get_by_label(
            "Yes").check()
        visitor.get_by_label("When should the racks be ready?").fill("2027-03-01")
        visitor.get_by_label("Anything else?").fill(ANSWERS["Anything else?"])
        visitor.get_by_role("button", name="Send the answers").click()
        expect(visitor.get_by_text("Thank you, your answers were sent.")).to_be_visible()


def _answers_on_the_lead(page: Any, lead_url: str) -> None:
    from playwright.sync_api import expect

    page.goto(lead_url)
    response = _questionnaires_tab(page).locator("[data-response]")
    expect(response).to_contain_text("Answered")
    for question, answer in ANSWERS.items():
        term = response.locator("dt", has_text=question)
        expect(term).to_have_count(1)
        expect(term.locator("xpath=following-sibling::dd[1]")).to_have_text(answer)


def _through_the_stages(page: Any) -> None:
    """Qualified, then Proposal, then lost at Proposal for a price too high."""
    from playwright.sync_api import expect

    stage = page.locator("#lead-stage")
    for name in STEPS:
        stage.get_by_label("Stage", exact=True).select_option(label=name)
        stage.get_by_role("button", name="Move").click()
        expect(page.get_by_text("Lead moved.")).to_be_visible()
        expect(stage.locator("[aria-current=step]")).to_have_text(name)
    stage.get_by_label("Stage", exact=True).select_option(label="Lost")
    stage.get_by_label("Lost reason (when lost)").select_option(label=REASON)
    stage.get_by_label("Note").fill(NOTE)
    stage.get_by_role("button", name="Move").click()
    expect(page.get_by_text("Lead moved.")).to_be_visible()
    expect(stage.locator("[data-status]")).to_have_text("Lost")
    expect(stage.locator("[aria-current=step]")).to_have_text("Lost")
    expect(stage).to_contain_text(f"Lost because: {REASON} — {NOTE}")


def _funnel_counts_the_lead(page: Any) -> None:
    """The report over its default period (the last twelve months): the lead entered New,
    Qualified, Proposal and Lost once each, was lost after Proposal for the price."""
    from playwright.sync_api import expect

    _menu(page, "Sales funnel")
    expect(page.locator("h1")).to_contain_text("Sales funnel")
    expect(page.get_by_label("Pipeline")).to_have_value(re.compile(r"\d+"))
    table = page.locator("#funnel-table")
    entering = {"New": "1", "Qualified": "1", "Proposal": "1", "Negotiation": "0",
                "Won": "0", "Lost": "1"}
    for stage_name, count in entering.items():
        expect(table.locator(f"tr[data-stage='{stage_name}'] [data-entering]")).to_have_text(
            count)
    for stage_name in ("New", "Qualified", "Proposal", "Lost"):   # the budget it came with
        expect(table.locator(f"tr[data-stage='{stage_name}']")).to_contain_text("12,000")
    conversion = page.locator("#conversion-table tbody tr")
    expect(conversion.nth(0)).to_contain_text("1 → 1")                # New -> Qualified
    expect(conversion.nth(0).locator("[data-rate]")).to_have_text("100%")
    expect(conversion.nth(1)).to_contain_text("1 → 1")                # Qualified -> Proposal
    expect(conversion.nth(2)).to_contain_text("1 → 0")                # Proposal -> Negotiation
    expect(conversion.nth(2).locator("[data-rate]")).to_have_text("0%")
    expect(page.locator("#lost-where tr")).to_have_text(["Proposal1"])
    expect(page.locator("#lost-why tr")).to_have_text([f"{REASON}1"])
    for chart in ("chart-funnel", "chart-months", "chart-lost"):
        canvas = page.locator(f"#{chart}")
        expect(canvas).to_be_visible()
        page.wait_for_function("(id) => !!Chart.getChart(document.getElementById(id))", arg=chart)
    reached = page.evaluate("Chart.getChart(document.getElementById('chart-funnel'))"
                            ".data.datasets[0].data")
    assert reached == [1, 1, 1, 0, 0], reached                        # New .. Negotiation, Won


def test_a_web_form_lead_through_the_funnel(staff_server: LiveServer, page: Any,  # noqa: F811
                                            browser: Any) -> None:
    run(staff_server, upgraded)
    sign_in(staff_server, page)
    snippet = _design_the_form(page, staff_server)
    _visitor_sends_the_form(browser, snippet)
    lead_url = _lead_on_the_board(page)
    _questionnaire_template(page)
    link = _send_the_questionnaire(page, staff_server, lead_url)
    _visitor_answers(browser, link)
    _answers_on_the_lead(page, lead_url)
    _through_the_stages(page)
    _funnel_counts_the_lead(page)
