"""Django's SMTP backend, with header lines up to RFC 5322's 998 characters.

At the default 78, Python folds an unbreakable value longer than a line — an
unsubscribe link in List-Unsubscribe — into RFC 2047 encoded words, which mail
programs no longer read as a link; one-click unsubscribe then fails.

An email whose bytes were prepared ahead (reminders.messages.PreparedEmail)
is sent as prepared. And the sweep gets a moment for its own work while the
server answers each email's MAIL FROM and RCPT TO (`meanwhile`, below)."""

import email.policy
import re
import smtplib

from django.core.mail.backends import smtp

POLICY = email.policy.SMTP.clone(max_line_length=998)
# An address Python's email package writes as it is: Django's checks (which
# parse the address, 0.3 ms each) cannot change it.
SIMPLE_ADDRESS = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})+")


class _Meanwhile:
    """Lets the sweep do its own work while the server answers: `meanwhile`
    is started just after MAIL FROM is sent and finished (waited for) just
    before DATA, so it overlaps two answers of the server and is done before
    this email can be accepted. The sweep records the email before as sent
    this way (reminders.engine)."""

    meanwhile = None

    def putcmd(self, cmd, args=""):
        if cmd == "data" and self.meanwhile is not None:
            task, self.meanwhile = self.meanwhile, None
            task.finish()  # if it fails, DATA is not sent
        super().putcmd(cmd, args)
        if cmd == "mail" and self.meanwhile is not None:
            self.meanwhile.start()


class SMTP(_Meanwhile, smtplib.SMTP):
    pass


class SMTP_SSL(_Meanwhile, smtplib.SMTP_SSL):
    pass


class EmailBackend(smtp.EmailBackend):
    runs_meanwhile = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._prepared_addresses = {}
        self.meanwhile = None

    @property
    def connection_class(self):
        return SMTP_SSL if self.use_ssl else SMTP

    def prep_address(self, address, force_ascii=True):
        """Django's, which parses the address (0.1 ms) for each email: the
        sender's is the same in every one, and a plain address is kept as it
        is anyway."""
        if isinstance(address, str) and SIMPLE_ADDRESS.fullmatch(address):
            return address
        key = (address, force_ascii)
        if key not in self._prepared_addresses:
            if len(self._prepared_addresses) > 100:
                self._prepared_addresses.clear()
            self._prepared_addresses[key] = super().prep_address(address, force_ascii)
        return self._prepared_addresses[key]

    def _send(self, email_message):
        if not email_message.recipients():
            return False
        from_email = self.prep_address(email_message.from_email)
        recipients = [self.prep_address(addr) for addr in email_message.recipients()]
        data = getattr(email_message, "prepared", None)
        if data is None:
            data = email_message.message(policy=POLICY).as_bytes()
        self.connection.meanwhile, self.meanwhile = self.meanwhile, None
        try:
            self.connection.sendmail(from_email, recipients, data)
        except smtplib.SMTPException:
            if not self.fail_silently:
                raise
            return False
        return True
