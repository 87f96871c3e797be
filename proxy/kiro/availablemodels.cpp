// SPDX-License-Identifier: MIT
// AvailableModels: lenient field reading, because the answer's shape differs between Kiro versions and forks.
#include "kiro/availablemodels.h"
#include "common/jsonnumber.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

// Limits have been seen as numbers; accept numeric strings too rather than silently reading 0.
qint64 readCount(const QJsonValue &v)
{
    if (v.isDouble())
        return JsonNumber::toCount(v.toDouble());
    if (v.isString())
        return qMax<qint64>(0, v.toString().trimmed().toLongLong());
    return 0;
}

double readNumber(const QJsonValue &v)
{
    if (v.isDouble())
        return v.toDouble();
    if (v.isString())
        return v.toString().trimmed().toDouble();
    return 0;
}

KiroModelInfo readModel(const QJsonObject &o)
{
    KiroModelInfo m;
    m.modelId = o.value(QStringLiteral("modelId")).toString().trimmed();
    m.modelName = o.value(QStringLiteral("modelName")).toString();
    m.description = o.value(QStringLiteral("description")).toString();
    const QJsonObject limits = o.value(QStringLiteral("tokenLimits")).toObject();
    m.maxInputTokens = readCount(limits.value(QStringLiteral("maxInputTokens")));
    m.maxOutputTokens = readCount(limits.value(QStringLiteral("maxOutputTokens")));
    m.rateMultiplier = readNumber(o.value(QStringLiteral("rateMultiplier")));
    for (const QJsonValue &t : o.value(QStringLiteral("supportedInputTypes")).toArray()) {
        if (t.isString())
            m.inputTypes.append(t.toString());
    }
    return m;
}

} // namespace

Expected<AvailableModelsPage, QString> AvailableModels::parsePage(const QByteArray &json)
{
    using Result = Expected<AvailableModelsPage, QString>;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return Result::failure(QStringLiteral("ListAvailableModels answer is not JSON: %1 at offset %2")
                                   .arg(error.errorString())
                                   .arg(error.offset));
    if (!doc.isObject())
        return Result::failure(QStringLiteral("ListAvailableModels answer is not a JSON object"));
    const QJsonObject root = doc.object();
    const QJsonValue models = root.value(QStringLiteral("models"));
    if (!models.isArray())
        return Result::failure(QStringLiteral("ListAvailableModels answer has no \"models\" array"));

    AvailableModelsPage page;
    for (const QJsonValue &v : models.toArray()) {
        KiroModelInfo m = readModel(v.toObject());
        if (!m.modelId.isEmpty())
            page.models.append(std::move(m));
    }
    // Documented as {"modelId": …}; a bare string costs nothing to accept.
    const QJsonValue def = root.value(QStringLiteral("defaultModel"));
    page.defaultModelId =
        (def.isString() ? def.toString() : def.toObject().value(QStringLiteral("modelId")).toString()).trimmed();
    page.nextToken = root.value(QStringLiteral("nextToken")).toString();
    return page;
}
