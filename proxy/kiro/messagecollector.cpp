// SPDX-License-Identifier: MIT
// MessageCollector: the same events the stream would carry, folded the way the SDKs accumulate them.
#include "kiro/messagecollector.h"

#include <QLoggingCategory>
#include <QMap>

Q_LOGGING_CATEGORY(lcCollector, "kiro.kiro.collector")

JsonObject MessageCollector::collect(const QList<SseEvent> &events)
{
    JsonObject message;
    QMap<int, JsonObject> blocks;
    // Deltas are appended to plain strings and set on their blocks once: growing a string inside a JsonObject
    // re-encodes it on every insert, which made a long answer quadratic.
    QMap<int, QString> text;
    QMap<int, QString> thinking;
    QMap<int, QString> signature;
    QMap<int, QString> toolJson;
    for (const SseEvent &e : events) {
        const JsonObject &d = e.data;
        if (e.name == "message_start") {
            message = d.value(QStringLiteral("message")).toObject();
        } else if (e.name == "content_block_start") {
            blocks.insert(d.value(QStringLiteral("index")).toInt(),
                          d.value(QStringLiteral("content_block")).toObject());
        } else if (e.name == "content_block_delta") {
            const int index = d.value(QStringLiteral("index")).toInt();
            const JsonObject delta = d.value(QStringLiteral("delta")).toObject();
            const QString type = delta.value(QStringLiteral("type")).toString();
            if (type == QLatin1String("text_delta"))
                text[index] += delta.value(QStringLiteral("text")).toString();
            else if (type == QLatin1String("thinking_delta"))
                thinking[index] += delta.value(QStringLiteral("thinking")).toString();
            else if (type == QLatin1String("signature_delta"))
                signature[index] = delta.value(QStringLiteral("signature")).toString();
            else if (type == QLatin1String("input_json_delta"))
                toolJson[index] += delta.value(QStringLiteral("partial_json")).toString();
        } else if (e.name == "message_delta") {
            const JsonObject delta = d.value(QStringLiteral("delta")).toObject();
            message.insert(QStringLiteral("stop_reason"), delta.value(QStringLiteral("stop_reason")));
            message.insert(QStringLiteral("stop_sequence"), delta.value(QStringLiteral("stop_sequence")));
            message.insert(QStringLiteral("usage"), d.value(QStringLiteral("usage")));
        }
    }
    JsonArray content;
    for (auto it = blocks.begin(); it != blocks.end(); ++it) {
        JsonObject block = it.value();
        const int index = it.key();
        const QString type = block.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("tool_use")) {
            const QString json = toolJson.value(index);
            JsonObject input;
            if (!json.trimmed().isEmpty()) {
                QJsonParseError error;
                const JsonValue doc = Json::parse(json.toUtf8(), &error);
                if (error.error == QJsonParseError::NoError && doc.isObject())
                    input = doc.toObject();
                else
                    qCWarning(lcCollector) << "tool input is not a JSON object; using {}:" << error.errorString();
            }
            block.insert(QStringLiteral("input"), input);
        } else if (type == QLatin1String("text")) {
            const QString full = block.value(QStringLiteral("text")).toString() + text.value(index);
            if (full.isEmpty())
                continue;
            block.insert(QStringLiteral("text"), full);
        } else if (type == QLatin1String("thinking")) {
            block.insert(QStringLiteral("thinking"),
                         QString(block.value(QStringLiteral("thinking")).toString() + thinking.value(index)));
            if (signature.contains(index))
                block.insert(QStringLiteral("signature"), signature.value(index));
        }
        content.append(block);
    }
    message.insert(QStringLiteral("content"), content);
    return message;
}
