import type { DbOrTx } from "@/lib/db/client";
import { smsSandboxMessages } from "@/lib/db/schema/sms";
import type { SendSmsInput, SendSmsResult, SmsProvider } from "./provider";

/**
 * The SMS sandbox: "sending" stores the text in the database, where Settings › SMS sandbox shows
 * it as the phone would, with a form to reply as that phone. The id is derived from the outbox
 * row and unique per channel, so a retried send stores the text once.
 */
export class SandboxProvider implements SmsProvider {
  constructor(
    private readonly db: DbOrTx,
    private readonly channel: { id: string; workspaceId: string },
  ) {}

  async send(input: SendSmsInput): Promise<SendSmsResult> {
    const providerMessageId = `SB${input.reference}`;
    await this.db
      .insert(smsSandboxMessages)
      .values({
        workspaceId: this.channel.workspaceId,
        channelId: this.channel.id,
        direction: "outbound",
        phone: input.to,
        body: input.body,
        providerMessageId,
      })
      .onConflictDoNothing();
    return { providerMessageId, status: "delivered" };
  }
}
