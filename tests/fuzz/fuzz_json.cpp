// SPDX-License-Identifier: MIT
// Fuzzes Json (the request path's parser and writer) against QJsonDocument: the same texts accepted and refused, the
// same values read, the same bytes written, and what Json writes reads back to the same value. The input is any text.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "common/json.h"
#include "fuzzsupport.h"

namespace {

/// True when a text holds a key whose order Qt itself decides two ways (see tst_json's randomKey): not compared.
bool orderAmbiguous(const QByteArray &text)
{
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u == 0xEE || u == 0xEF || u >= 0xF0)
            return true;
    }
    return text.contains("\\u") || text.contains("\xEF\xBB\xBF");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text = FuzzSupport::bytes(data, size);
    QJsonParseError error;
    const JsonValue ours = Json::parse(text, &error);
    QJsonParseError qtError;
    const QJsonDocument qt = QJsonDocument::fromJson(text, &qtError);
    const bool ok = error.error == QJsonParseError::NoError;
    FuzzSupport::require(ok == (qtError.error == QJsonParseError::NoError),
                         "Json and QJsonDocument disagree on validity");
    if (!ok) {
        FuzzSupport::require(ours.isUndefined(), "a refused text gave a value");
        FuzzSupport::require(error.offset >= 0 && error.offset <= text.size(), "error offset outside the text");
        return 0;
    }
    // What Json writes is JSON that reads back to the same value.
    const QByteArray written = Json::write(ours);
    QJsonParseError again;
    const JsonValue reread = Json::parse(written, &again);
    FuzzSupport::require(again.error == QJsonParseError::NoError, "Json cannot read what it wrote");
    FuzzSupport::require(reread == ours, "a value changes when written and read again");
    FuzzSupport::require(Json::write(reread) == written, "writing is not stable");
    if (orderAmbiguous(text))
        return 0;
    const QJsonValue qtValue = qt.isArray() ? QJsonValue(qt.array()) : QJsonValue(qt.object());
    FuzzSupport::require(ours.toQJsonValue() == qtValue, "Json and QJsonDocument read different values");
    const QByteArray qtWritten = qt.isArray() ? QJsonDocument(qt.array()).toJson(QJsonDocument::Compact)
                                              : QJsonDocument(qt.object()).toJson(QJsonDocument::Compact);
    FuzzSupport::require(written == qtWritten, "Json and QJsonDocument write different bytes");
    return 0;
}
