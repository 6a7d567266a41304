"""Django's SMTP backend, with header lines up to RFC 5322's 998 characters.

At the default 78, Python folds an unbreakable value longer than a line — an
unsubscribe link in List-Unsubscribe — into RFC 2047 encoded words, which mail
programs no longer read as a link; one-click unsubscribe then fails."""

import email.policy
import smtplib

from django.core.mail.backends import smtp

POLICY = email.policy.SMTP.clone(max_line_length=998)


class EmailBackend(smtp.EmailBackend):
    def _send(self, email_message):
        if not email_message.recipients():
            return False
        from_email = self.prep_address(email_message.from_email)
        recipients = [self.prep_address(addr) for addr in email_message.recipients()]
        message = email_message.message(policy=POLICY)
        try:
            self.connection.sendmail(from_email, recipients, message.as_bytes())
        except smtplib.SMTPException:
            if not self.fail_silently:
                raise
            return False
        return True
