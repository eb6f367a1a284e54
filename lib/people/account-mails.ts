import { actionMail } from "@/lib/mail/action-mail";
import type { MailMessage } from "@/lib/mail/mail-message";
import { emailChangeLink, passwordResetLink } from "./account-links";

// The mails about a person's own account. Each says why it was sent and what to do when the
// reader did not ask for it.

export function passwordResetMail(to: string, token: string): MailMessage {
  return {
    kind: "password_reset",
    to,
    subject: "Reset your Parley password",
    ...actionMail({
      heading: "Reset your password",
      paragraphs: [`Someone asked to reset the password of the Parley account ${to}.`, "The link below works once, within one hour."],
      action: { label: "Choose a new password", url: passwordResetLink(token) },
      footer: "If you didn't ask for this, ignore this mail: your password stays as it is.",
    }),
  };
}

export function emailChangeMail(to: string, name: string, token: string): MailMessage {
  return {
    kind: "email_change",
    to,
    subject: "Confirm your new Parley email address",
    ...actionMail({
      heading: "Confirm your new email address",
      paragraphs: [`${name} asked to sign in to Parley with ${to} from now on.`, "The link below works once, within a day. Until it is opened, the account keeps its current address."],
      action: { label: "Confirm this address", url: emailChangeLink(token) },
      footer: "If you didn't ask for this, ignore this mail: nothing changes.",
    }),
  };
}

export function emailChangedNotice(to: string, newAddress: string): MailMessage {
  return {
    kind: "email_change",
    to,
    subject: "Your Parley email address was changed",
    ...actionMail({
      heading: "Your email address was changed",
      paragraphs: [`Your Parley account now signs in with ${newAddress} instead of ${to}.`],
      footer: "If you didn't make this change, ask an owner of your workspace for help at once.",
    }),
  };
}
