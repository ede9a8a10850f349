package org.fieldstone.telegram.internal;

import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.model.CallbackQuery;
import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.model.request.InlineKeyboardButton;
import com.pengrad.telegrambot.model.request.InlineKeyboardMarkup;
import com.pengrad.telegrambot.request.AnswerCallbackQuery;
import com.pengrad.telegrambot.request.EditMessageReplyMarkup;
import com.pengrad.telegrambot.request.SendMessage;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fieldstone.assistant.Assistant;
import org.fieldstone.assistant.ToolResult;
import org.fieldstone.assistant.Tools;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.DomainException;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.UserId;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a chat gets for what it sends. An unlinked chat gets one neutral answer ("link your account first") for
 * everything but a valid code. A linked chat's commands run as its user ({@link Channel#TELEGRAM}, the user's role)
 * through the assistant's tool registry ({@link Tools#call}); its plain text goes to the {@link Assistant} (one
 * conversation per chat), whose proposed writes come back with Confirm/Cancel buttons that only that user can use.
 */
@Component
class TelegramChats {

    private static final Logger log = LoggerFactory.getLogger(TelegramChats.class);
    static final String CONFIRM = "ok:";
    static final String CANCEL = "no:";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TelegramBots bots;
    private final TelegramLinkService links;
    private final Team team;
    private final Tools tools;
    private final Assistant assistant;
    private final Companies companies;
    private final MessageSource messages;
    private final java.time.Clock clock;

    TelegramChats(TelegramBots bots, TelegramLinkService links, Team team, Tools tools, Assistant assistant,
                  Companies companies, MessageSource messages, java.time.Clock clock) {
        this.bots = bots;
        this.links = links;
        this.team = team;
        this.tools = tools;
        this.assistant = assistant;
        this.companies = companies;
        this.messages = messages;
        this.clock = clock;
    }

    void handle(Company company, Update update) {
        TelegramBot bot = bots.bot(company.id()).orElse(null);
        if (bot == null) {
            return;
        }
        if (update.callbackQuery() != null) {
            callback(company, bot, update.callbackQuery());
            return;
        }
        var message = update.message();
        if (message.chat() == null || message.chat().id() == null) {
            return;
        }
        String chatId = message.chat().id().toString();
        String text = message.text() == null ? "" : message.text().strip();
        String answer = answer(company, bot, chatId, text);
        if (answer != null) {
            send(bot, chatId, answer, null);
        }
    }

    /** The answer to a message (null when already sent). */
    String answer(Company company, TelegramBot bot, String chatId, String text) {
        TenantId tenant = company.id();
        String command = text.startsWith("/") ? text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT) : "";
        if (command.contains("@")) {
            command = command.substring(0, command.indexOf('@')); // /today@fieldstone_bot in a group
        }
        String rest = text.startsWith("/") ? (text.split("\\s+", 2).length > 1 ? text.split("\\s+", 2)[1].strip() : "")
                : text;
        Optional<TelegramLinkService.Chat> chat = links.chatById(tenant, chatId);
        Optional<User> user = chat.flatMap(c -> activeUser(tenant, c.userId()));
        // a code: "/start <code>" (the deep link) or the code alone
        String code = command.equals("/start") ? rest : command.isEmpty() && text.matches("[A-Za-z0-9]{24}") ? text : null;
        if (code != null && !code.isEmpty()) {
            Optional<UserId> redeemed = links.redeem(tenant, code);
            if (redeemed.isPresent()) {
                Optional<User> linkedUser = activeUser(tenant, redeemed.get());
                if (linkedUser.isPresent()) {
                    links.bind(actor(tenant, linkedUser.get()), chatId);
                    return text("telegram.reply.linked", linkedUser.get().name(), company.name());
                }
            }
            return user.isPresent() ? text("telegram.reply.code-refused") : text("telegram.reply.link-first");
        }
        if (user.isEmpty()) {
            return text("telegram.reply.link-first");
        }
        Actor actor = actor(tenant, user.get());
        try {
            return switch (command) {
                case "/start", "/help" -> text("telegram.reply.help", user.get().name());
                case "/unlink" -> {
                    links.unbind(actor, chat.get());
                    yield text("telegram.reply.unlinked");
                }
                case "/today" -> today(actor);
                case "/next" -> next(actor);
                case "/jobs" -> jobs(actor);
                case "/job" -> job(actor, rest);
                case "/onmyway" -> step(actor, "on_my_way", "SCHEDULED");
                case "/start_visit" -> step(actor, "start_visit", "EN_ROUTE", "SCHEDULED");
                case "/finish" -> step(actor, "finish_visit", "IN_PROGRESS");
                case "/quote" -> quote(actor, rest);
                case "" -> ask(actor, bot, chat.get(), text);
                default -> text("telegram.reply.unknown-command");
            };
        } catch (Refused e) {
            return e.getMessage();
        } catch (DomainException e) {
            return e.message(messages);
        }
    }

    // ---- commands

    private String today(Actor actor) {
        List<JsonNode> visits = items(call(actor, "todays_visits", Map.of("size", 50)));
        if (visits.isEmpty()) {
            return text("telegram.reply.no-visits-today");
        }
        StringBuilder out = new StringBuilder(text("telegram.reply.today")).append('\n');
        visits.forEach(v -> out.append(visitLine(v)).append('\n'));
        return out.toString().strip();
    }

    private String next(Actor actor) {
        return items(call(actor, "todays_visits", Map.of("size", 50))).stream()
                .filter(v -> List.of("SCHEDULED", "EN_ROUTE", "IN_PROGRESS").contains(v.path("status").asString()))
                .findFirst().map(v -> text("telegram.reply.next") + "\n" + visitLine(v)
                        + (v.path("clientPhone").isString() ? "\n" + v.path("clientPhone").asString() : ""))
                .orElse(text("telegram.reply.no-next"));
    }

    private String jobs(Actor actor) {
        LocalDate today = LocalDate.now(clock.withZone(zone(actor)));
        Map<String, JsonNode> jobs = new LinkedHashMap<>();
        items(call(actor, "list_schedule", Map.of("from", today.toString(), "to", today.plusDays(13).toString(),
                "technician", actor.userId().orElseThrow().toString(), "size", 50)))
                .forEach(v -> jobs.putIfAbsent(v.path("jobId").asString(), v));
        if (jobs.isEmpty()) {
            return text("telegram.reply.no-jobs");
        }
        StringBuilder out = new StringBuilder(text("telegram.reply.jobs")).append('\n');
        jobs.values().forEach(v -> out.append(v.path("jobNumber").asString()).append(' ')
                .append(v.path("title").asString()).append(" — ").append(day(v.path("start").asString())).append('\n'));
        return out.toString().strip();
    }

    private String job(Actor actor, String number) {
        String wanted = number.strip().toUpperCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            return text("telegram.reply.job-usage");
        }
        String jobId = wanted.matches("[0-9A-F-]{36}") ? number.strip() : findJob(actor, wanted);
        if (jobId == null) {
            return text("telegram.reply.job-not-found", wanted);
        }
        ToolResult result = tools.call(actor, "get_job", json(Map.of("jobId", jobId)));
        if (result.error()) {
            return text("telegram.reply.job-not-found", wanted);
        }
        JsonNode job = JSON.readTree(result.content());
        StringBuilder out = new StringBuilder(job.path("number").asString()).append(' ')
                .append(job.path("title").asString()).append(" (").append(job.path("status").asString()).append(')');
        if (job.path("client").isString()) {
            out.append('\n').append(job.path("client").asString());
        }
        if (job.path("address").isString()) {
            out.append('\n').append(job.path("address").asString());
        }
        if (job.path("description").isString()) {
            out.append('\n').append(job.path("description").asString());
        }
        for (JsonNode v : job.path("visits")) {
            out.append('\n').append(day(v.path("start").asString())).append(' ').append(time(v.path("start").asString()))
                    .append('–').append(time(v.path("end").asString())).append(' ').append(v.path("status").asString());
        }
        return out.toString();
    }

    /** A job's id from its number, among the visits the actor sees 62 days back and ahead. */
    private String findJob(Actor actor, String number) {
        LocalDate today = LocalDate.now(clock.withZone(zone(actor)));
        // two windows of 60 days (the tool reads at most 62, a change of daylight saving time included)
        for (LocalDate from : List.of(today, today.minusDays(59))) {
            for (int page = 0; page < 20; page++) {
                JsonNode result = call(actor, "list_schedule", Map.of("from", from.toString(), "to",
                        from.plusDays(59).toString(), "size", 50, "page", page));
                List<JsonNode> items = items(result);
                for (JsonNode v : items) {
                    if (number.equals(v.path("jobNumber").asString())) {
                        return v.path("jobId").asString();
                    }
                }
                if (items.size() < 50) {
                    break;
                }
            }
        }
        return null;
    }

    /** On my way, start or finish: the first of today's visits in one of {@code statuses}, in that order of status. */
    private String step(Actor actor, String tool, String... statuses) {
        List<JsonNode> visits = items(call(actor, "todays_visits", Map.of("size", 50)));
        for (String status : statuses) {
            Optional<JsonNode> visit = visits.stream().filter(v -> status.equals(v.path("status").asString())).findFirst();
            if (visit.isPresent()) {
                ToolResult result = tools.call(actor, tool, json(Map.of("visitId", visit.get().path("visitId").asString())));
                if (result.error()) {
                    return refusal(result);
                }
                return text("telegram.reply." + tool, visit.get().path("jobNumber").asString(),
                        visit.get().path("title").asString());
            }
        }
        return text("telegram.reply.no-current-visit");
    }

    private String quote(Actor actor, String rest) {
        String client;
        String what;
        if (rest.startsWith("\"") && rest.indexOf('"', 1) > 0) {
            client = rest.substring(1, rest.indexOf('"', 1)).strip();
            what = rest.substring(rest.indexOf('"', 1) + 1).strip();
        } else {
            String[] parts = rest.split("\\s+", 2);
            client = parts[0];
            what = parts.length > 1 ? parts[1].strip() : "";
        }
        if (client.isEmpty() || what.isEmpty()) {
            return text("telegram.reply.quote-usage");
        }
        List<JsonNode> found = items(call(actor, "find_clients", Map.of("query", client, "size", 10)));
        List<JsonNode> exact = found.stream().filter(c -> client.equalsIgnoreCase(c.path("name").asString())).toList();
        List<JsonNode> candidates = exact.size() == 1 ? exact : found;
        if (candidates.isEmpty()) {
            return text("telegram.reply.quote-no-client", client);
        }
        if (candidates.size() > 1) {
            return text("telegram.reply.quote-which", client, String.join(", ", candidates.stream().limit(5)
                    .map(c -> c.path("name").asString()).toList()));
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("description", what);
        line.put("quantity", 1);
        line.put("unitPrice", 0);
        ToolResult result = tools.call(actor, "create_quote", json(Map.of("clientId",
                candidates.getFirst().path("clientId").asString(), "title", what.length() > 80 ? what.substring(0, 80) : what,
                "lines", List.of(line))));
        if (result.error()) {
            return refusal(result);
        }
        JsonNode quote = JSON.readTree(result.content());
        return text("telegram.reply.quote-drafted", quote.path("number").asString(), candidates.getFirst().path("name").asString());
    }

    // ---- the assistant

    private String ask(Actor actor, TelegramBot bot, TelegramLinkService.Chat chat, String text) {
        if (text.isEmpty()) {
            return null;
        }
        if (!assistant.state(actor).on()) {
            return text("telegram.reply.assistant-off");
        }
        Assistant.Reply reply;
        try {
            reply = assistant.ask(actor, chat.conversationId(), text);
        } catch (NotFound e) {
            reply = assistant.ask(actor, null, text); // the chat's conversation was trimmed or deleted
        }
        if (reply.conversationId() != null && !reply.conversationId().equals(chat.conversationId())) {
            links.conversation(actor, links.chatById(actor.tenant(), chat.chatId()).orElseThrow(), reply.conversationId());
        }
        if (reply.failure() != null) {
            return text("telegram.reply.assistant-failed");
        }
        if (reply.answer() != null && reply.answer().text() != null && !reply.answer().text().isBlank()) {
            send(bot, chat.chatId(), reply.answer().text(), null);
        }
        for (Assistant.PendingAction action : reply.actions()) {
            send(bot, chat.chatId(), action.preview(), new InlineKeyboardMarkup(
                    new InlineKeyboardButton(text("telegram.button.confirm")).callbackData(CONFIRM + action.id()),
                    new InlineKeyboardButton(text("telegram.button.cancel")).callbackData(CANCEL + action.id())));
        }
        return null;
    }

    private void callback(Company company, TelegramBot bot, CallbackQuery query) {
        TenantId tenant = company.id();
        String chatId = query.message() != null && query.message().chat() != null
                ? query.message().chat().id().toString() : null;
        String data = query.data() == null ? "" : query.data();
        Optional<TelegramLinkService.Chat> chat = chatId == null ? Optional.empty() : links.chatById(tenant, chatId);
        // only the linked user themself: in their private chat, the chat's id is their user id
        boolean same = chat.isPresent() && query.from() != null && chatId.equals(String.valueOf(query.from().id()));
        Optional<User> user = same ? activeUser(tenant, chat.get().userId()) : Optional.empty();
        String answer;
        if (user.isEmpty() || chat.get().conversationId() == null
                || !(data.startsWith(CONFIRM) || data.startsWith(CANCEL))) {
            answer = user.isEmpty() ? text("telegram.reply.link-first") : text("telegram.reply.action-gone");
        } else {
            Actor actor = actor(tenant, user.get());
            String actionId = data.substring(3);
            try {
                if (data.startsWith(CONFIRM)) {
                    Assistant.Conversation done = assistant.confirm(actor, chat.get().conversationId(), actionId);
                    answer = done.actions().stream().filter(a -> a.id().equals(actionId)).findFirst()
                            .map(a -> a.status().equals("done") ? text("telegram.reply.action-done", a.title())
                                    : text("telegram.reply.action-failed", a.title()))
                            .orElse(text("telegram.reply.action-done", ""));
                } else {
                    assistant.cancel(actor, chat.get().conversationId(), actionId);
                    answer = text("telegram.reply.action-cancelled");
                }
            } catch (NotFound e) {
                answer = text("telegram.reply.action-gone");
            } catch (Conflict e) {
                answer = text("telegram.reply.action-handled");
            }
        }
        try {
            bot.execute(new AnswerCallbackQuery(query.id()));
            if (same && query.message() != null && query.message().messageId() != null) {
                bot.execute(new EditMessageReplyMarkup(chatId, query.message().messageId())
                        .replyMarkup(new InlineKeyboardMarkup()));
            }
        } catch (RuntimeException e) {
            log.info("Telegram could not be told about callback {}: {}", query.id(), e.getClass().getSimpleName());
        }
        if (chatId != null) {
            send(bot, chatId, answer, null);
        }
    }

    // ---- helpers

    private Optional<User> activeUser(TenantId tenant, UserId id) {
        try {
            User user = team.get(Actor.system(tenant, Channel.TELEGRAM), id);
            return user.active() ? Optional.of(user) : Optional.empty();
        } catch (NotFound e) {
            return Optional.empty();
        }
    }

    /** The linked user acting through Telegram: their role and its permissions. */
    static Actor actor(TenantId tenant, User user) {
        return new Actor(tenant, Optional.of(user.id()), user.name(), user.role(), Optional.empty(), Channel.TELEGRAM,
                null, "Telegram");
    }

    private JsonNode call(Actor actor, String tool, Map<String, Object> arguments) {
        ToolResult result = tools.call(actor, tool, json(arguments));
        if (result.error()) {
            throw new Refused(refusal(result));
        }
        return JSON.readTree(result.content());
    }

    private static String refusal(ToolResult result) {
        try {
            JsonNode error = JSON.readTree(result.content());
            return error.path("message").isString() ? error.path("message").asString() : "Refused.";
        } catch (RuntimeException e) {
            return "Refused.";
        }
    }

    private static String json(Map<String, Object> arguments) {
        ObjectNode node = JSON.valueToTree(arguments);
        return node.toString();
    }

    private static List<JsonNode> items(JsonNode page) {
        List<JsonNode> out = new ArrayList<>();
        page.path("items").forEach(out::add);
        return out;
    }

    private static String visitLine(JsonNode v) {
        StringBuilder line = new StringBuilder(time(v.path("start").asString())).append('–')
                .append(time(v.path("end").asString())).append(' ').append(v.path("jobNumber").asString()).append(' ')
                .append(v.path("title").asString());
        if (v.path("client").isString()) {
            line.append(" — ").append(v.path("client").asString());
        }
        if (v.path("address").isString()) {
            line.append(", ").append(v.path("address").asString());
        }
        if (!"SCHEDULED".equals(v.path("status").asString())) {
            line.append(" (").append(v.path("status").asString()).append(')');
        }
        return line.toString();
    }

    /** HH:mm of an ISO date-time with offset. */
    private static String time(String iso) {
        return iso != null && iso.length() >= 16 ? iso.substring(11, 16) : "";
    }

    private static String day(String iso) {
        return iso != null && iso.length() >= 10 ? iso.substring(0, 10) : "";
    }

    private ZoneId zone(Actor actor) {
        return companies.timeZone(actor.tenant());
    }

    private String text(String code, Object... args) {
        return Message.of(code, args).resolve(messages);
    }

    void send(TelegramBot bot, String chatId, String text, InlineKeyboardMarkup keyboard) {
        SendMessage request = new SendMessage(chatId, text.length() > 4000 ? text.substring(0, 4000) + "…" : text);
        if (keyboard != null) {
            request.replyMarkup(keyboard);
        }
        try {
            var sent = bot.execute(request);
            if (sent == null || !sent.isOk()) {
                log.info("Telegram refused a reply: {}", sent == null ? "no answer" : sent.errorCode());
            }
        } catch (RuntimeException e) {
            log.info("Telegram reply failed: {}", e.getClass().getSimpleName());
        }
    }

    /** A tool's refusal, as its message. */
    static final class Refused extends RuntimeException {
        Refused(String text) {
            super(text, null, false, false);
        }
    }
}
