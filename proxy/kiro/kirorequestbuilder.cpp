// SPDX-License-Identifier: MIT
// KiroRequestBuilder: merging, alternation, tool pairing, placeholders, schema repair — everything Kiro validates.
#include "kiro/kirorequestbuilder.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QUuid>
#include <algorithm>
#include <optional>

namespace {

const QString kAckText = QStringLiteral("I will follow these instructions.");
const QString kEmptyUser = QStringLiteral("(empty)");
const QString kEmptyAssistant = QStringLiteral("(empty)");
const QString kEmptyResult = QStringLiteral("(empty result)");
const QString kContinue = QStringLiteral("Continue");

const QString kChunkedPolicy = QStringLiteral(
    "When a Write or Edit tool call would carry more than about 50 lines, split it: write the first part with Write, "
    "then append the rest with further Edit calls of at most about 50 lines each. Do this silently, without asking "
    "the user and without commenting on the limit, and finish every chunked operation.");
const QString kWriteSuffix = QStringLiteral(
    "\nKeep each call to at most about 50 lines of content; write longer files in parts and continue with Edit.");
const QString kEditSuffix =
    QStringLiteral("\nKeep new_string to at most about 50 lines per call; make larger changes in several Edit calls.");

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool isUuid(const QString &s)
{
    static const QRegularExpression re(
        QStringLiteral("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    return re.match(s).hasMatch();
}

QString imageFormat(const QString &mediaType)
{
    static const QStringList ok = {QStringLiteral("jpeg"), QStringLiteral("png"), QStringLiteral("gif"),
                                   QStringLiteral("webp")};
    QString f = mediaType.section(QLatin1Char('/'), 1).toLower();
    if (f == QLatin1String("jpg"))
        f = QStringLiteral("jpeg");
    return ok.contains(f) ? f : QString();
}

struct UserEntry
{
    QStringList texts;
    JsonArray images;
    QList<JsonObject> toolResults; ///< with "toolUseId"
};

struct AssistantEntry
{
    QString content;
    QList<JsonObject> toolUses; ///< {toolUseId, name, input}
};

struct Turn
{
    bool user = true;
    QList<const Message *> messages;
};

/// One position of the conversation after merging: a user or an assistant entry.
struct Entry
{
    bool user;
    UserEntry u;
    AssistantEntry a;
};

class Builder
{
public:
    Builder(const MessagesRequest &r, const KiroBuildOptions &o)
        : m_req(r)
        , m_opt(o)
    {}

    Expected<KiroRequest, ApiError> run();

private:
    // The steps of run(), in the order it takes them. Each step appends its repair notes as it goes, so the notes
    // keep the order in which the rules apply.
    std::optional<ApiError> validate() const;
    void selectTools();
    void addStructuredOutputTool();
    void collectSystemMessages();
    QList<Turn> groupTurns();
    void buildEntries(const QList<Turn> &turns);
    void pairToolResults();
    void convertTools();
    void addHistoryToolPlaceholders();
    QString systemPrompt() const;
    JsonArray history(const QString &system) const;
    JsonObject currentMessage();
    void assembleBody(const JsonObject &userInput, const JsonArray &history);

    bool toolChoiceNone() const;
    QString mapName(const QString &original);
    void addImage(UserEntry &u, const ContentBlock &b, const QString &where);
    void addToolResult(UserEntry &u, const ContentBlock &b);
    UserEntry userFrom(const Turn &t);
    AssistantEntry assistantFrom(const Turn &t);
    QString thinkingPrefix() const;
    QString withThinkingTags(const QString &system) const;
    JsonObject toolSpec(const ToolDefinition &t);
    JsonObject userJson(const UserEntry &u, bool current) const;
    JsonObject historyUser(UserEntry u) const;
    QString currentContent(const UserEntry &current);
    QString conversationId() const;

    const MessagesRequest &m_req;
    KiroBuildOptions m_opt;
    KiroRequest m_out;
    QHash<QString, QString> m_shortByOriginal;
    QSet<QString> m_dropTools;     ///< server tool names whose calls become text
    QList<ToolDefinition> m_tools; ///< client tools to define, plus the structured output tool
    QStringList m_inlineSystem;    ///< text of system-role messages, for the system prompt
    QList<Entry> m_entries;        ///< alternating user/assistant entries; the last is the current message
    JsonArray m_toolSpecs;         ///< toolSpecification objects for the current message
    QSet<QString> m_definedTools;  ///< lower-case original names already in m_toolSpecs
    QStringList m_docs;            ///< long tool descriptions moved into the system prompt
};

QString Builder::mapName(const QString &original)
{
    const auto it = m_shortByOriginal.constFind(original);
    if (it != m_shortByOriginal.cend())
        return it.value();
    QString shortName = KiroRequestBuilder::shortToolName(original);
    // Two long names with the same 54-char prefix and hash prefix are practically impossible; still keep names unique.
    int salt = 1;
    while (shortName != original && m_out.toolNameMap.contains(shortName) &&
           m_out.toolNameMap.value(shortName) != original) {
        const QByteArray h =
            QCryptographicHash::hash((original + QString::number(salt++)).toUtf8(), QCryptographicHash::Sha256).toHex();
        shortName = original.left(54) + QLatin1Char('_') + QString::fromLatin1(h.left(8));
    }
    m_shortByOriginal.insert(original, shortName);
    if (shortName != original) {
        m_out.toolNameMap.insert(shortName, original);
        m_out.repairs.append(QStringLiteral("shortened tool name %1 (%2 chars) to %3")
                                 .arg(original)
                                 .arg(original.size())
                                 .arg(shortName));
    }
    return shortName;
}

void Builder::addImage(UserEntry &u, const ContentBlock &b, const QString &where)
{
    if (b.sourceType != QLatin1String("base64")) {
        u.texts.append(QStringLiteral("[image omitted: URL images are not supported by Kiro]"));
        m_out.repairs.append(QStringLiteral("replaced a URL image %1 with a note").arg(where));
        return;
    }
    const QString format = imageFormat(b.mediaType);
    if (format.isEmpty()) {
        u.texts.append(QStringLiteral("[image omitted: %1 is not supported]").arg(b.mediaType));
        m_out.repairs.append(QStringLiteral("replaced an unsupported %1 image %2 with a note").arg(b.mediaType, where));
        return;
    }
    u.images.append(JsonObject{{QStringLiteral("format"), format},
                               {QStringLiteral("source"), JsonObject{{QStringLiteral("bytes"), b.sourceData}}}});
}

QString documentText(const ContentBlock &b)
{
    const QString title = b.title.isEmpty() ? QString() : QStringLiteral(" \"%1\"").arg(b.title);
    if (!b.text.isEmpty())
        return QStringLiteral("[document%1]\n%2").arg(title, b.text);
    return QStringLiteral("[document%1 omitted: %2 documents are not supported by Kiro]")
        .arg(title, b.mediaType.isEmpty() ? b.sourceType : b.mediaType);
}

void Builder::addToolResult(UserEntry &u, const ContentBlock &b)
{
    QStringList texts;
    if (b.contentIsString)
        texts.append(b.text);
    for (const ContentBlock &inner : b.content) {
        if (inner.type == ContentBlock::Type::Text)
            texts.append(inner.text);
        else if (inner.type == ContentBlock::Type::Image)
            addImage(u, inner, QStringLiteral("inside a tool result"));
        else if (inner.type == ContentBlock::Type::Document)
            texts.append(documentText(inner));
    }
    QString text = texts.join(QLatin1Char('\n'));
    if (text.trimmed().isEmpty())
        text = kEmptyResult;
    JsonObject r{{QStringLiteral("toolUseId"), b.toolUseId},
                 {QStringLiteral("content"), JsonArray{JsonObject{{QStringLiteral("text"), text}}}},
                 {QStringLiteral("status"), b.isError ? QStringLiteral("error") : QStringLiteral("success")}};
    if (b.isError)
        r.insert(QStringLiteral("isError"), true);
    u.toolResults.append(r);
}

UserEntry Builder::userFrom(const Turn &t)
{
    UserEntry u;
    for (const Message *m : t.messages) {
        for (const ContentBlock &b : m->content) {
            switch (b.type) {
            case ContentBlock::Type::Text:
                if (!b.text.isEmpty())
                    u.texts.append(b.text);
                break;
            case ContentBlock::Type::Image:
                addImage(u, b, QStringLiteral("in a user message"));
                break;
            case ContentBlock::Type::Document:
                u.texts.append(documentText(b));
                break;
            case ContentBlock::Type::ToolResult:
                addToolResult(u, b);
                break;
            case ContentBlock::Type::WebSearchToolResult:
                u.texts.append(QStringLiteral("[%1 omitted]").arg(b.typeName));
                break;
            default:
                break; // tool_use, thinking and unknown blocks have no meaning in a user turn
            }
        }
    }
    return u;
}

AssistantEntry Builder::assistantFrom(const Turn &t)
{
    AssistantEntry a;
    QStringList parts;
    for (const Message *m : t.messages) {
        QString thinking;
        QString text;
        for (const ContentBlock &b : m->content) {
            switch (b.type) {
            case ContentBlock::Type::Thinking:
                thinking += b.text;
                break;
            case ContentBlock::Type::Text:
                text += b.text;
                break;
            case ContentBlock::Type::ToolUse:
                if (m_dropTools.contains(b.name)) {
                    text +=
                        QStringLiteral("\n[called %1 with %2]").arg(b.name, QString::fromUtf8(Json::write(b.input)));
                    break;
                }
                a.toolUses.append(JsonObject{{QStringLiteral("toolUseId"), b.id},
                                             {QStringLiteral("name"), mapName(b.name)},
                                             {QStringLiteral("input"), b.input}});
                break;
            case ContentBlock::Type::ServerToolUse:
                text += QStringLiteral("\n[server tool %1 called with %2]")
                            .arg(b.name, QString::fromUtf8(Json::write(b.input)));
                break;
            case ContentBlock::Type::WebSearchToolResult:
                text += QStringLiteral("\n[%1 omitted]").arg(b.typeName);
                break;
            default:
                break; // redacted_thinking and unknown blocks are not forwarded
            }
        }
        QString content;
        if (!thinking.isEmpty())
            content = QStringLiteral("<thinking>") + thinking + QStringLiteral("</thinking>") +
                      (text.isEmpty() ? QString() : QStringLiteral("\n\n") + text);
        else
            content = text;
        if (!content.trimmed().isEmpty())
            parts.append(content);
    }
    if (t.messages.size() > 1)
        m_out.repairs.append(QStringLiteral("merged %1 consecutive assistant messages").arg(t.messages.size()));
    a.content = parts.join(QStringLiteral("\n\n"));
    return a;
}

QString Builder::thinkingPrefix() const
{
    if (m_req.thinking.type == ThinkingConfig::Type::Enabled) {
        int budget =
            m_req.thinking.budgetTokens > 0 ? m_req.thinking.budgetTokens : KiroRequestBuilder::kDefaultThinkingBudget;
        budget = qMin(budget, KiroRequestBuilder::kMaxThinkingBudget);
        return QStringLiteral("<thinking_mode>enabled</thinking_mode><max_thinking_length>%1</max_thinking_length>")
            .arg(budget);
    }
    if (m_req.thinking.type == ThinkingConfig::Type::Adaptive) {
        const QString effort = m_req.effort.isEmpty() ? QStringLiteral("high") : m_req.effort;
        return QStringLiteral("<thinking_mode>adaptive</thinking_mode><thinking_effort>%1</thinking_effort>")
            .arg(effort);
    }
    return {};
}

JsonObject Builder::toolSpec(const ToolDefinition &t)
{
    QString description = t.description;
    if (description.trimmed().isEmpty())
        description = QStringLiteral("Tool: %1").arg(t.name);
    if (m_opt.chunkedWritePolicy) {
        if (t.name == QLatin1String("Write"))
            description += kWriteSuffix;
        else if (t.name == QLatin1String("Edit"))
            description += kEditSuffix;
    }
    if (description.size() > m_opt.maxDescriptionChars) {
        m_docs.append(QStringLiteral("## Tool: %1\n%2").arg(t.name, description));
        description = QStringLiteral("[Full documentation in system prompt under '## Tool: %1']").arg(t.name);
        m_out.repairs.append(QStringLiteral("moved the long description of %1 into the system prompt").arg(t.name));
    }
    return JsonObject{
        {QStringLiteral("toolSpecification"),
         JsonObject{{QStringLiteral("name"), mapName(t.name)},
                    {QStringLiteral("description"), description},
                    {QStringLiteral("inputSchema"),
                     JsonObject{{QStringLiteral("json"), KiroRequestBuilder::normalizeSchema(t.inputSchema)}}}}}};
}

JsonObject Builder::userJson(const UserEntry &u, bool current) const
{
    JsonObject o;
    o.insert(QStringLiteral("content"), u.texts.join(QLatin1Char('\n')));
    o.insert(QStringLiteral("modelId"), m_opt.kiroModelId);
    o.insert(QStringLiteral("origin"), QStringLiteral("AI_EDITOR"));
    if (!u.images.isEmpty())
        o.insert(QStringLiteral("images"), u.images);
    if (!current && !u.toolResults.isEmpty()) {
        JsonArray results;
        for (const JsonObject &r : u.toolResults)
            results.append(r);
        o.insert(QStringLiteral("userInputMessageContext"), JsonObject{{QStringLiteral("toolResults"), results}});
    }
    return o;
}

Expected<KiroRequest, ApiError> Builder::run()
{
    if (const std::optional<ApiError> error = validate())
        return Expected<KiroRequest, ApiError>::failure(*error);
    selectTools();
    addStructuredOutputTool();
    collectSystemMessages();
    buildEntries(groupTurns());
    pairToolResults();
    convertTools();
    addHistoryToolPlaceholders();
    const JsonArray historyMessages = history(systemPrompt());
    const JsonObject userInput = currentMessage();
    assembleBody(userInput, historyMessages);
    return m_out;
}

std::optional<ApiError> Builder::validate() const
{
    if (m_req.messages.isEmpty())
        return ApiError::invalidRequest(QStringLiteral("messages: must not be empty"));
    if (m_opt.kiroModelId.isEmpty())
        return ApiError::invalidRequest(QStringLiteral("model: no Kiro model"));
    return std::nullopt;
}

bool Builder::toolChoiceNone() const
{
    return m_req.toolChoice && m_req.toolChoice->type == ToolChoice::Type::None;
}

// Server tools are never forwarded verbatim; their calls in history become text.
void Builder::selectTools()
{
    for (const ToolDefinition &t : m_req.tools) {
        const QString lower = t.name.toLower();
        if (t.isServerTool() || lower == QLatin1String("web_search") || lower == QLatin1String("websearch")) {
            m_dropTools.insert(t.name);
            m_out.repairs.append(QStringLiteral("dropped server tool %1 (%2)")
                                     .arg(t.name, t.type.isEmpty() ? QStringLiteral("custom") : t.type));
            continue;
        }
        m_tools.append(t);
    }
}

// Structured output (output_config.format): Kiro has no such field, so the schema becomes a tool the model is
// told to call; the assembler turns that call back into the JSON text block Anthropic would return.
void Builder::addStructuredOutputTool()
{
    if (!m_req.outputSchema)
        return;
    QString name = QStringLiteral("structured_output");
    for (int n = 2;
         std::any_of(m_tools.cbegin(), m_tools.cend(),
                     [&](const ToolDefinition &t) { return t.name.compare(name, Qt::CaseInsensitive) == 0; });
         ++n)
        name = QStringLiteral("structured_output_%1").arg(n);
    ToolDefinition t;
    t.name = name;
    t.description = QStringLiteral("Deliver the final answer as structured data. Call this tool exactly once, with "
                                   "the complete answer as its input, matching the schema exactly.");
    t.inputSchema = *m_req.outputSchema;
    m_tools.append(t);
    m_out.structuredOutputTool = name;
    m_out.repairs.append(QStringLiteral("structured output emulated with the tool %1").arg(name));
}

// System-role messages (newer Claude Code sends environment notes this way) join the system prompt: Kiro's
// history only knows user and assistant turns.
void Builder::collectSystemMessages()
{
    for (const Message &m : m_req.messages) {
        if (m.role != Message::Role::System)
            continue;
        for (const ContentBlock &b : m.content) {
            if (b.type == ContentBlock::Type::Text && !b.text.isEmpty())
                m_inlineSystem.append(b.text);
        }
    }
    if (!m_inlineSystem.isEmpty())
        m_out.repairs.append(
            QStringLiteral("moved %1 system message(s) into the system prompt").arg(m_inlineSystem.size()));
}

// Runs of equal role become one turn.
QList<Turn> Builder::groupTurns()
{
    QList<Turn> turns;
    for (const Message &m : m_req.messages) {
        if (m.role == Message::Role::System)
            continue;
        const bool user = m.role == Message::Role::User;
        if (turns.isEmpty() || turns.last().user != user)
            turns.append(Turn{user, {}});
        turns.last().messages.append(&m);
    }
    for (const Turn &t : std::as_const(turns)) {
        if (t.user && t.messages.size() > 1)
            m_out.repairs.append(QStringLiteral("merged %1 consecutive user messages").arg(t.messages.size()));
    }
    return turns;
}

// Converts the turns into entries that alternate user/assistant and start and end with a user entry.
void Builder::buildEntries(const QList<Turn> &turns)
{
    // Prefill: Kiro cannot continue an assistant turn; keep it in history and ask to continue.
    const bool prefill = !turns.last().user;
    if (prefill)
        m_out.repairs.append(
            QStringLiteral("trailing assistant message (prefill) moved to history; current message is \"Continue\""));
    if (!turns.first().user) {
        m_entries.append({true, UserEntry{{kEmptyUser}, {}, {}}, {}});
        m_out.repairs.append(
            QStringLiteral("conversation started with an assistant message; added an empty user turn"));
    }
    for (const Turn &t : turns) {
        if (t.user)
            m_entries.append({true, userFrom(t), {}});
        else
            m_entries.append({false, {}, assistantFrom(t)});
    }
    if (prefill)
        m_entries.append({true, UserEntry{{kContinue}, {}, {}}, {}});
}

// Pairing: each user entry may only answer tool uses of the assistant entry right before it, once each.
void Builder::pairToolResults()
{
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (!m_entries[i].user)
            continue;
        const bool afterAssistant = i > 0 && !m_entries[i - 1].user;
        QSet<QString> open;
        if (afterAssistant) {
            for (const JsonObject &use : std::as_const(m_entries[i - 1].a.toolUses))
                open.insert(use.value(QStringLiteral("toolUseId")).toString());
        }
        QList<JsonObject> kept;
        QSet<QString> answered;
        for (const JsonObject &r : std::as_const(m_entries[i].u.toolResults)) {
            const QString id = r.value(QStringLiteral("toolUseId")).toString();
            if (open.contains(id) && !answered.contains(id)) {
                kept.append(r);
                answered.insert(id);
            } else {
                m_out.repairs.append(
                    QStringLiteral("dropped %1 tool_result %2")
                        .arg(answered.contains(id) ? QStringLiteral("duplicate") : QStringLiteral("orphan"), id));
            }
        }
        m_entries[i].u.toolResults = kept;
        if (!afterAssistant)
            continue;
        QList<JsonObject> uses;
        for (const JsonObject &use : std::as_const(m_entries[i - 1].a.toolUses)) {
            const QString id = use.value(QStringLiteral("toolUseId")).toString();
            if (answered.contains(id))
                uses.append(use);
            else
                m_out.repairs.append(QStringLiteral("removed unanswered tool_use %1").arg(id));
        }
        m_entries[i - 1].a.toolUses = uses;
    }
}

// Tool definitions for the current message (with tool_choice none only the structured output tool).
void Builder::convertTools()
{
    const bool none = toolChoiceNone();
    for (const ToolDefinition &t : std::as_const(m_tools)) {
        if (none && t.name != m_out.structuredOutputTool)
            continue;
        if (m_definedTools.contains(t.name.toLower()))
            continue;
        m_definedTools.insert(t.name.toLower());
        m_toolSpecs.append(toolSpec(t));
    }
    if (none && m_tools.size() > (m_out.structuredOutputTool.isEmpty() ? 0 : 1))
        m_out.repairs.append(QStringLiteral("tool_choice none: tool definitions not sent"));
}

JsonObject placeholderSpec(const QString &kiroName)
{
    return JsonObject{{QStringLiteral("toolSpecification"),
                       JsonObject{{QStringLiteral("name"), kiroName},
                                  {QStringLiteral("description"), QStringLiteral("Tool used in conversation history")},
                                  {QStringLiteral("inputSchema"),
                                   JsonObject{{QStringLiteral("json"),
                                               JsonObject{{QStringLiteral("$schema"),
                                                           QStringLiteral("http://json-schema.org/draft-07/schema#")},
                                                          {QStringLiteral("type"), QStringLiteral("object")},
                                                          {QStringLiteral("properties"), JsonObject()},
                                                          {QStringLiteral("required"), JsonArray()},
                                                          {QStringLiteral("additionalProperties"), true}}}}}}}};
}

// Kiro rejects history tool uses whose tool is not defined, so names only history knows get a placeholder.
void Builder::addHistoryToolPlaceholders()
{
    for (const Entry &e : std::as_const(m_entries)) {
        if (e.user)
            continue;
        for (const JsonObject &use : e.a.toolUses) {
            const QString kiroName = use.value(QStringLiteral("name")).toString();
            const QString original = m_out.toolNameMap.value(kiroName, kiroName);
            if (m_definedTools.contains(original.toLower()))
                continue;
            m_definedTools.insert(original.toLower());
            m_toolSpecs.append(placeholderSpec(kiroName));
            m_out.repairs.append(
                QStringLiteral("added a placeholder definition for history-only tool %1").arg(original));
        }
    }
}

// The system prompt: system blocks, system-role messages, the write policy, moved tool documentation, thinking tags.
QString Builder::systemPrompt() const
{
    QStringList systemTexts;
    for (const ContentBlock &b : m_req.system) {
        if (!b.text.isEmpty())
            systemTexts.append(b.text);
    }
    systemTexts += m_inlineSystem;
    QString system = systemTexts.join(QLatin1Char('\n'));
    if (!system.isEmpty() && m_opt.chunkedWritePolicy)
        system += QLatin1Char('\n') + kChunkedPolicy;
    if (!m_docs.isEmpty())
        system += (system.isEmpty() ? QString() : QStringLiteral("\n\n")) + QStringLiteral("# Tool documentation\n\n") +
                  m_docs.join(QStringLiteral("\n\n"));
    return withThinkingTags(system);
}

QString Builder::withThinkingTags(const QString &system) const
{
    const QString prefix = thinkingPrefix();
    if (prefix.isEmpty() || system.contains(QLatin1String("<thinking_mode>")) ||
        system.contains(QLatin1String("<max_thinking_length>")))
        return system;
    if (system.isEmpty())
        return prefix;
    return prefix + QLatin1Char('\n') + system;
}

JsonObject historyAssistant(const AssistantEntry &e)
{
    JsonObject a;
    QString content = e.content;
    if (content.trimmed().isEmpty())
        content = e.toolUses.isEmpty() ? kEmptyAssistant : QStringLiteral(" ");
    a.insert(QStringLiteral("content"), content);
    if (!e.toolUses.isEmpty()) {
        JsonArray uses;
        for (const JsonObject &u : e.toolUses)
            uses.append(u);
        a.insert(QStringLiteral("toolUses"), uses);
    }
    return JsonObject{{QStringLiteral("assistantResponseMessage"), a}};
}

JsonObject Builder::historyUser(UserEntry u) const
{
    if (u.texts.join(QString()).trimmed().isEmpty())
        u.texts = QStringList{kEmptyUser};
    return JsonObject{{QStringLiteral("userInputMessage"), userJson(u, false)}};
}

// Kiro's history: the system prompt as a user/assistant pair, then every entry but the last.
JsonArray Builder::history(const QString &system) const
{
    JsonArray history;
    if (!system.isEmpty()) {
        history.append(JsonObject{{QStringLiteral("userInputMessage"), userJson(UserEntry{{system}, {}, {}}, false)}});
        history.append(JsonObject{
            {QStringLiteral("assistantResponseMessage"), JsonObject{{QStringLiteral("content"), kAckText}}}});
    }
    for (qsizetype i = 0; i + 1 < m_entries.size(); ++i) {
        const Entry &e = m_entries.at(i);
        history.append(e.user ? historyUser(e.u) : historyAssistant(e.a));
    }
    return history;
}

// The current message's text, with the hints that stand in for tool_choice and structured output.
QString Builder::currentContent(const UserEntry &current)
{
    QString content = current.texts.join(QLatin1Char('\n'));
    if (m_req.toolChoice && !m_toolSpecs.isEmpty()) {
        if (m_req.toolChoice->type == ToolChoice::Type::Any)
            content += QStringLiteral("\n\n(Answer by calling one of the available tools.)");
        else if (m_req.toolChoice->type == ToolChoice::Type::Tool)
            content += QStringLiteral("\n\n(Answer by calling the tool %1.)").arg(m_req.toolChoice->name);
    }
    if (!m_out.structuredOutputTool.isEmpty()) {
        content += QStringLiteral("\n\n(Give your final answer by calling the tool %1 exactly once, with the complete "
                                  "answer as its input. Do not write the answer as text.)")
                       .arg(m_out.structuredOutputTool);
    }
    if (content.trimmed().isEmpty() && current.toolResults.isEmpty()) {
        content = current.images.isEmpty() ? kContinue : QString();
        if (current.images.isEmpty())
            m_out.repairs.append(QStringLiteral("empty current message replaced by \"Continue\""));
    }
    return content;
}

JsonObject Builder::currentMessage()
{
    const UserEntry &current = m_entries.last().u;
    const QString content = currentContent(current);
    JsonObject context;
    if (!m_toolSpecs.isEmpty())
        context.insert(QStringLiteral("tools"), m_toolSpecs);
    if (!current.toolResults.isEmpty()) {
        JsonArray results;
        for (const JsonObject &r : current.toolResults)
            results.append(r);
        context.insert(QStringLiteral("toolResults"), results);
    }
    JsonObject userInput{{QStringLiteral("userInputMessageContext"), context},
                         {QStringLiteral("content"), content},
                         {QStringLiteral("modelId"), m_opt.kiroModelId},
                         {QStringLiteral("origin"), QStringLiteral("AI_EDITOR")}};
    if (!current.images.isEmpty())
        userInput.insert(QStringLiteral("images"), current.images);
    return userInput;
}

QString Builder::conversationId() const
{
    QString id = m_opt.conversationId;
    if (id.isEmpty())
        id = KiroRequestBuilder::sessionIdFromUserId(m_req.userId);
    if (id.isEmpty())
        id = newUuid();
    return id;
}

void Builder::assembleBody(const JsonObject &userInput, const JsonArray &history)
{
    m_out.conversationId = conversationId();
    JsonObject state{{QStringLiteral("agentContinuationId"),
                      m_opt.agentContinuationId.isEmpty() ? newUuid() : m_opt.agentContinuationId},
                     {QStringLiteral("agentTaskType"), m_opt.agentTaskType},
                     {QStringLiteral("chatTriggerType"), QStringLiteral("MANUAL")},
                     {QStringLiteral("currentMessage"), JsonObject{{QStringLiteral("userInputMessage"), userInput}}},
                     {QStringLiteral("conversationId"), m_out.conversationId}};
    if (!history.isEmpty())
        state.insert(QStringLiteral("history"), history);
    m_out.body.insert(QStringLiteral("conversationState"), state);
    if (!m_opt.profileArn.isEmpty())
        m_out.body.insert(QStringLiteral("profileArn"), m_opt.profileArn);
}

JsonValue repairNested(const JsonValue &value);

JsonObject repairObject(JsonObject o)
{
    for (const char *key : {"required", "properties", "items", "additionalProperties", "enum"}) {
        if (o.value(QLatin1String(key)).isNull())
            o.remove(QLatin1String(key));
    }
    if (o.contains(QStringLiteral("required")) && !o.value(QStringLiteral("required")).isArray())
        o.remove(QStringLiteral("required"));
    const JsonObject members = o;
    for (const JsonObject::Member &m : members)
        o.insert(m.key, repairNested(m.value));
    return o;
}

JsonValue repairNested(const JsonValue &value)
{
    if (value.isObject())
        return repairObject(value.toObject());
    if (value.isArray()) {
        JsonArray a = value.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            a.replace(i, repairNested(a.at(i)));
        return a;
    }
    return value;
}

} // namespace

JsonObject KiroRequestBuilder::normalizeSchema(const JsonObject &schema)
{
    JsonObject o = repairObject(schema);
    if (!o.value(QStringLiteral("type")).isString() || o.value(QStringLiteral("type")).toString().isEmpty())
        o.insert(QStringLiteral("type"), QStringLiteral("object"));
    if (!o.value(QStringLiteral("properties")).isObject())
        o.insert(QStringLiteral("properties"), JsonObject());
    JsonArray required;
    for (const JsonValue &v : o.value(QStringLiteral("required")).toArray()) {
        if (v.isString())
            required.append(v);
    }
    o.insert(QStringLiteral("required"), required);
    const JsonValue additional = o.value(QStringLiteral("additionalProperties"));
    if (!additional.isBool() && !additional.isObject())
        o.insert(QStringLiteral("additionalProperties"), true);
    return o;
}

QString KiroRequestBuilder::shortToolName(const QString &name)
{
    if (name.size() <= kMaxToolNameLength)
        return name;
    const QByteArray h = QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha256).toHex();
    return name.left(54) + QLatin1Char('_') + QString::fromLatin1(h.left(8));
}

QString KiroRequestBuilder::sessionIdFromUserId(const QString &userId)
{
    if (userId.isEmpty())
        return {};
    const QJsonDocument doc = QJsonDocument::fromJson(userId.toUtf8());
    if (doc.isObject()) {
        const QString s = doc.object().value(QStringLiteral("session_id")).toString();
        if (isUuid(s))
            return s.toLower();
    }
    const int at = userId.indexOf(QLatin1String("session_"));
    if (at >= 0) {
        const QString candidate = userId.mid(at + 8, 36);
        if (isUuid(candidate))
            return candidate.toLower();
    }
    return {};
}

Expected<KiroRequest, ApiError> KiroRequestBuilder::build(const MessagesRequest &request,
                                                          const KiroBuildOptions &options)
{
    Builder builder(request, options);
    return builder.run();
}
