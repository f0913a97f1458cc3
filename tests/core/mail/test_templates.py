"""Mail templates: language choice and fallback, overrides by name, subject, sandbox, HTML."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from core.kernel import kontora
from core.mail import MailMessage, MailTemplateError, render_mail
from tests.core.mail.conftest import load, send


def write(app, name: str, text: str) -> None:
    """A template in the deployer's folder (``instance/templates``), found by name."""
    path = Path(app.instance_path) / "templates" / "mail" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def render(app, template: str, language: str = "en", **context):
    with app.test_request_context():
        return render_mail(template, context, language)


@pytest.fixture
def greeting(app):
    write(app, "test/greeting.en.txt",
          "{% block subject %}Hello {{ name }}{% endblock %}\nDear {{ name }}, welcome.\n")
    write(app, "test/greeting.ro.txt",
          "{% block subject %}Bună, {{ name }}{% endblock %}\nStimate {{ name }}, bun venit.\n")
    write(app, "test/greeting.ro.html",
          "{% block subject %}ignored{% endblock %}<p>Stimate <b>{{ name }}</b></p>")
    return app


def test_the_recipients_language_is_chosen(greeting):
    mail = render(greeting, "test/greeting", "ro", name="Ștefan")
    assert (mail.language, mail.subject) == ("ro", "Bună, Ștefan")
    assert mail.text == "Stimate Ștefan, bun venit.\n"
    assert "<p>Stimate <b>Ștefan</b></p>" in mail.html


def test_a_language_without_its_template_falls_back_to_english(greeting):
    mail = render(greeting, "test/greeting", "bg", name="Иван")
    assert (mail.language, mail.subject, mail.html) == ("en", "Hello Иван", None)
    assert mail.text == "Dear Иван, welcome.\n"


def test_without_a_subject_block_the_first_line_is_the_subject(app):
    write(app, "test/plain.en.txt", "Your order {{ number }}\n\nIt ships today.\n")
    mail = render(app, "test/plain", number="C-17")
    assert (mail.subject, mail.text) == ("Your order C-17", "It ships today.\n")


def test_missing_template_is_a_clear_error(app):
    with pytest.raises(MailTemplateError, match=r"mail/test/absent\.ro\.txt"):
        render(app, "test/absent", "ro")
    with pytest.raises(MailTemplateError, match="must be lower-case words"):
        render(app, "../../secret_key")


def test_a_deployer_overrides_a_kernel_template_by_name(app, make_app, smtp_inbox):
    mail_app = make_app(KONTORA_SMTP_URL=smtp_inbox.url)
    write(mail_app, "identity/password-reset.ru.txt",
          "{% block subject %}Новый пароль{% endblock %}\n{{ link }}\n")
    with mail_app.test_request_context():
        assert render_mail("identity/password-reset", {"link": "L"}, "ru").subject == \
            "Новый пароль"
        assert render_mail("identity/password-reset", {"name": "Ana", "link": "L"},
                           "ro").subject == "Resetați parola Kontora"


def test_template_mail_is_stored_and_sent_in_the_chosen_language(greeting, make_app,
                                                                 smtp_inbox):
    mail_app = make_app(KONTORA_SMTP_URL=smtp_inbox.url)
    row_id = send(mail_app, "ana@example.com", template="test/greeting",
                  context={"name": "Ana"}, language="ro")
    [mail] = smtp_inbox.messages
    assert mail["Subject"] == "Bună, Ana"
    assert mail.get_body(("plain",)).get_content().strip() == "Stimate Ana, bun venit."
    row = load(mail_app, MailMessage, row_id)
    assert (row.template, row.language) == ("test/greeting", "ro")


@pytest.mark.parametrize("payload", [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ namespace.__init__.__globals__['__builtins__'] }}",
    "{{ lipsum.__globals__['os'].environ }}",
    "{{ self.__init__.__globals__ }}",
    "{{ (1).__class__.__base__.__subclasses__() }}",
    "{{ '{0.__class__.__mro__}'.format('') }}",
    "{% for c in [].__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
])
def test_the_sandbox_refuses_reaching_python_internals(app, payload):
    write(app, "test/evil.en.txt", f"Subject\n{payload}\n")
    with pytest.raises(MailTemplateError):
        render(app, "test/evil")


def test_a_mail_template_that_works_too_long_stops(app):
    """Mail bodies render within the same step budget as documents."""
    write(app, "test/loop.en.txt", "Subject\n{% for i in range(100000) %}"
          "{% for j in range(100000) %}{% endfor %}{% endfor %}\n")
    with pytest.raises(MailTemplateError, match=r"too much work|too long to render"):
        render(app, "test/loop")


@pytest.mark.parametrize("payload", ["{{ config }}", "{{ request }}", "{{ url_for }}",
                                     "{{ g }}", "{{ session }}", "{{ ''.__class__ }}",
                                     "{{ ''.format.__self__ }}"])
def test_web_globals_and_secrets_are_not_there(app, payload):
    write(app, "test/peek.en.txt", f"Subject\n[{payload}]\n")
    mail = render(app, "test/peek")
    assert mail.text == "[]\n"
    assert kontora(app).settings.secret_key not in mail.text


def test_templates_cannot_include_files_outside_the_template_folders(app):
    write(app, "test/include.en.txt", "Subject\n{% include '../../secret_key' %}\n")
    with pytest.raises(MailTemplateError):
        render(app, "test/include")


def test_html_part_escapes_values_and_drops_active_content(app):
    write(app, "test/rich.en.html",
          "{% block subject %}Offer for {{ name }}{% endblock %}"
          "<p onclick=\"steal()\">Dear {{ name }}</p><script>alert(1)</script>"
          "<a href=\"javascript:alert(2)\">open</a> <a href=\"{{ link }}\">link</a>"
          "<img src=x onerror=\"alert(3)\"><table width=\"100%\"><tr><td style=\"color:red\">"
          "x</td></tr></table>")
    mail = render(app, "test/rich", name="<b>Ion & Co</b>", link="https://example.com/o/1")
    assert mail.subject == "Offer for <b>Ion & Co</b>"  # a subject is plain text
    assert "Dear &lt;b&gt;Ion &amp; Co&lt;/b&gt;" in mail.html
    for bad in ("<script", "onclick", "onerror", "javascript:", "alert(1)"):
        assert bad not in mail.html
    assert '<a href="https://example.com/o/1" rel="noopener noreferrer">link</a>' in mail.html
    assert 'style="color:red"' in mail.html and 'width="100%"' in mail.html
    assert mail.text.split() == ["Dear", "<b>Ion", "&", "Co</b>", "open", "link", "x"]


def test_templates_render_outside_a_request(app):
    """Jobs and CLI commands send mail too: no request context, only the app's."""
    write(app, "test/dated.ro.txt", "Subject {{ amount|format_money('RON') }}\nx\n")
    with app.app_context():
        mail = render_mail("test/dated", {"amount": Decimal("1234.5")}, "ro")
    assert mail.subject == "Subject 1.234,50 lei"  # no-break space made plain in a header


def test_password_reset_mail_is_in_the_users_language(make_app, smtp_inbox):
    from core.identity.models import User
    from tests.core.identity.support import csrf_token, make_user

    app = make_app(KONTORA_SMTP_URL=smtp_inbox.url)
    user_id = make_user(app, "ioana", email="ioana@example.ro")
    with kontora(app).db.unit() as s:
        s.get(User, user_id).language = "bg"
    client = app.test_client()
    token = csrf_token(client, "/password/forgot")
    client.post("/password/forgot", data={"login": "ioana", "csrf_token": token})
    [mail] = smtp_inbox.messages
    assert mail["Subject"] == "Възстановяване на паролата за Kontora"
    assert "Здравейте, Ioana," in mail.get_content()
