package org.fieldstone.telegram.internal;

import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.model.request.InlineKeyboardButton;
import com.pengrad.telegrambot.model.request.InlineKeyboardMarkup;
import com.pengrad.telegrambot.request.SendMessage;
import com.pengrad.telegrambot.response.SendResponse;
import java.util.Optional;
import org.fieldstone.notifications.ChannelSender;
import org.fieldstone.notifications.DeliveryFailure;
import org.fieldstone.notifications.NotificationChannel;
import org.fieldstone.notifications.Outgoing;
import org.fieldstone.notifications.Recipient;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.UserId;
import org.springframework.stereotype.Component;

/**
 * Notifications to team members in their linked Telegram chat, through the company's bot. Clients are not reached on
 * Telegram. Rate limits (429), Telegram's server errors and network failures are retryable; anything else Telegram
 * refuses — 403 when the user blocked the bot — is not.
 */
@Component
class TelegramSender implements ChannelSender {

    static final String NOT_LINKED = "telegram.not-linked";
    static final String NOT_CONNECTED = "telegram.not-connected";
    static final String CLIENTS = "telegram.clients-not-supported";

    private final TelegramBots bots;
    private final TelegramLinkService links;

    TelegramSender(TelegramBots bots, TelegramLinkService links) {
        this.bots = bots;
        this.links = links;
    }

    @Override
    public NotificationChannel channel() {
        return NotificationChannel.TELEGRAM;
    }

    @Override
    public Optional<String> unreachable(TenantId tenant, Recipient recipient) {
        if (recipient.type() == Recipient.Type.CLIENT) {
            return Optional.of(CLIENTS);
        }
        if (!bots.connected(tenant)) {
            return Optional.of(NOT_CONNECTED);
        }
        return chat(tenant, recipient).isPresent() ? Optional.empty() : Optional.of(NOT_LINKED);
    }

    @Override
    public String send(Outgoing message) {
        if (message.recipient().type() == Recipient.Type.CLIENT) {
            throw new DeliveryFailure(false, CLIENTS, "clients are not reached on Telegram");
        }
        TelegramBot bot = bots.bot(message.tenant())
                .orElseThrow(() -> new DeliveryFailure(false, NOT_CONNECTED, "no bot connected"));
        String chatId = chat(message.tenant(), message.recipient())
                .orElseThrow(() -> new DeliveryFailure(false, NOT_LINKED, "no chat linked"));
        SendMessage request = new SendMessage(chatId, message.text());
        if (!message.buttons().isEmpty()) {
            request.replyMarkup(new InlineKeyboardMarkup(message.buttons().stream()
                    .map(b -> new InlineKeyboardButton(b.label()).callbackData(b.data()))
                    .toArray(InlineKeyboardButton[]::new)));
        }
        SendResponse sent;
        try {
            sent = bot.execute(request);
        } catch (RuntimeException e) {
            throw new DeliveryFailure(true, "telegram.unreachable", e.getClass().getSimpleName());
        }
        if (sent != null && sent.isOk() && sent.message() != null && sent.message().messageId() != null) {
            return sent.message().messageId().toString();
        }
        int code = sent == null ? 0 : sent.errorCode();
        String detail = "Telegram answered " + code;
        if (code == 429 || code >= 500 || code == 0) {
            throw new DeliveryFailure(true, "telegram.unavailable", detail);
        }
        throw new DeliveryFailure(false, code == 403 ? "telegram.blocked" : "telegram.refused", detail);
    }

    private Optional<String> chat(TenantId tenant, Recipient recipient) {
        try {
            return links.chatOfUser(tenant, UserId.parse(recipient.id())).map(TelegramLinkService.Chat::chatId);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
