// SPDX-License-Identifier: MIT
// TokenEstimator: counts every part of a request, not only text (tool blocks and images included).
#include "anthropic/tokenestimator.h"

#include <cmath>

#include "anthropic/messagesrequest.h"

namespace {

bool isWestern(char32_t c)
{
    return c <= 0x024F || (c >= 0x1E00 && c <= 0x1EFF) || (c >= 0x2C60 && c <= 0x2C7F) ||
           (c >= 0xA720 && c <= 0xA7FF) || (c >= 0xAB30 && c <= 0xAB6F);
}

quint16 be16(const QByteArray &b, qsizetype at)
{
    return quint16((quint8(b.at(at)) << 8) | quint8(b.at(at + 1)));
}

quint32 be32(const QByteArray &b, qsizetype at)
{
    return (quint32(quint8(b.at(at))) << 24) | (quint32(quint8(b.at(at + 1))) << 16) |
           (quint32(quint8(b.at(at + 2))) << 8) | quint32(quint8(b.at(at + 3)));
}

quint16 le16(const QByteArray &b, qsizetype at)
{
    return quint16(quint8(b.at(at)) | (quint8(b.at(at + 1)) << 8));
}

quint32 le24(const QByteArray &b, qsizetype at)
{
    return quint32(quint8(b.at(at))) | (quint32(quint8(b.at(at + 1))) << 8) | (quint32(quint8(b.at(at + 2))) << 16);
}

} // namespace

qint64 TokenEstimator::countText(QStringView text)
{
    if (text.isEmpty())
        return 0;
    qint64 units = 0;
    const char16_t *p = text.utf16();
    const char16_t *const end = p + text.size();
    while (p < end) {
        const char16_t c = *p++;
        if (c <= 0x024F) {
            ++units;
        } else if (c >= 0xD800 && c <= 0xDBFF && p < end && *p >= 0xDC00 && *p <= 0xDFFF) {
            ++p; // a surrogate pair: one scalar above U+FFFF, never western
            units += 4;
        } else {
            units += isWestern(c) ? 1 : 4; // a lone surrogate counts as U+FFFD would: 4
        }
    }
    const double t = double(units) / 4.0;
    double factor = 1.0;
    if (t < 100)
        factor = 1.5;
    else if (t < 200)
        factor = 1.3;
    else if (t < 300)
        factor = 1.25;
    else if (t < 800)
        factor = 1.2;
    return qint64(std::floor(t * factor));
}

QSize TokenEstimator::imageSize(const QByteArray &b)
{
    if (b.size() >= 24 && b.startsWith("\x89PNG\r\n\x1a\n"))
        return QSize(int(be32(b, 16)), int(be32(b, 20)));
    if (b.size() >= 10 && (b.startsWith("GIF87a") || b.startsWith("GIF89a")))
        return QSize(le16(b, 6), le16(b, 8));
    if (b.size() >= 30 && b.startsWith("RIFF") && b.mid(8, 4) == "WEBP") {
        const QByteArray chunk = b.mid(12, 4);
        if (chunk == "VP8X")
            return QSize(int(le24(b, 24) + 1), int(le24(b, 27) + 1));
        if (chunk == "VP8L" && b.size() >= 25) {
            const quint32 bits = quint32(quint8(b.at(21))) | (quint32(quint8(b.at(22))) << 8) |
                                 (quint32(quint8(b.at(23))) << 16) | (quint32(quint8(b.at(24))) << 24);
            return QSize(int((bits & 0x3FFF) + 1), int(((bits >> 14) & 0x3FFF) + 1));
        }
        if (chunk == "VP8 ")
            return QSize(le16(b, 26) & 0x3FFF, le16(b, 28) & 0x3FFF);
    }
    if (b.size() >= 4 && quint8(b.at(0)) == 0xFF && quint8(b.at(1)) == 0xD8) {
        qsizetype i = 2;
        while (i + 9 < b.size()) {
            if (quint8(b.at(i)) != 0xFF) {
                ++i;
                continue;
            }
            const quint8 marker = quint8(b.at(i + 1));
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                i += 2;
                continue;
            }
            const quint16 len = be16(b, i + 2);
            const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof)
                return QSize(be16(b, i + 7), be16(b, i + 5));
            i += 2 + len;
        }
    }
    return {};
}

qint64 TokenEstimator::imageTokens(const QString &mediaType, const QString &base64Data)
{
    Q_UNUSED(mediaType)
    // Decoding 64 KiB of base64 is enough to reach the size header of any real image (JPEG EXIF can be long).
    const QByteArray head = QByteArray::fromBase64(base64Data.left(87384).toLatin1());
    QSize size = imageSize(head);
    if (!size.isValid() || size.isEmpty())
        return kUnknownImageTokens;
    double w = size.width();
    double h = size.height();
    const double longEdge = std::max(w, h);
    if (longEdge > 1568) {
        w = w * 1568 / longEdge;
        h = h * 1568 / longEdge;
    }
    const double pixels = w * h;
    if (pixels > 1150000) {
        const double scale = std::sqrt(1150000 / pixels);
        w *= scale;
        h *= scale;
    }
    return std::max<qint64>(1, qint64(std::ceil(w * h / 750.0)));
}

qint64 TokenEstimator::blockTokens(const ContentBlock &b)
{
    switch (b.type) {
    case ContentBlock::Type::Text:
    case ContentBlock::Type::Thinking:
        return countText(b.text);
    case ContentBlock::Type::Image:
        return b.sourceType == QLatin1String("base64") ? imageTokens(b.mediaType, b.sourceData) : kUnknownImageTokens;
    case ContentBlock::Type::Document:
        if (!b.text.isEmpty())
            return countText(b.title) + countText(b.text);
        // PDFs: roughly 1500 tokens per 100 KB of base64 is the order of magnitude; never zero.
        return std::max<qint64>(100, qint64(b.sourceData.size() / 70));
    case ContentBlock::Type::ToolUse:
    case ContentBlock::Type::ServerToolUse:
        return countText(b.name) + countText(QString::fromUtf8(Json::write(b.input))) + 4;
    case ContentBlock::Type::ToolResult: {
        qint64 n = 4 + countText(b.text);
        for (const ContentBlock &inner : b.content)
            n += blockTokens(inner);
        return n;
    }
    case ContentBlock::Type::RedactedThinking:
        return qint64(b.data.size() / 4);
    case ContentBlock::Type::WebSearchToolResult:
    case ContentBlock::Type::Other:
        return 0;
    }
    return 0;
}

qint64 TokenEstimator::estimateRequest(const MessagesRequest &r)
{
    qint64 total = 0;
    for (const ContentBlock &s : r.system)
        total += countText(s.text);
    for (const Message &m : r.messages) {
        total += kPerMessageOverhead;
        for (const ContentBlock &b : m.content)
            total += blockTokens(b);
    }
    for (const ToolDefinition &t : r.tools) {
        total += kPerToolOverhead + countText(t.name) + countText(t.description);
        if (!t.inputSchema.isEmpty())
            total += countText(QString::fromUtf8(Json::write(t.inputSchema)));
    }
    return std::max<qint64>(1, total);
}

qint64 TokenEstimator::utf8Length(QStringView text)
{
    qint64 bytes = 0;
    const char16_t *p = text.utf16();
    const char16_t *const end = p + text.size();
    while (p < end) {
        const char16_t c = *p++;
        if (c < 0x80) {
            bytes += 1;
        } else if (c < 0x800) {
            bytes += 2;
        } else if (c >= 0xD800 && c <= 0xDBFF && p < end && *p >= 0xDC00 && *p <= 0xDFFF) {
            ++p;
            bytes += 4;
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            bytes += 1; // a surrogate without its partner: toUtf8() writes '?'
        } else {
            bytes += 3;
        }
    }
    return bytes;
}

qint64 TokenEstimator::outputChunk(QStringView text)
{
    qint64 cjk = 0;
    qint64 other = 0;
    const char16_t *p = text.utf16();
    const char16_t *const end = p + text.size();
    while (p < end) {
        const char16_t c = *p++;
        if (c >= 0x4E00 && c <= 0x9FFF)
            ++cjk;
        else
            ++other;
        if (c >= 0xD800 && c <= 0xDBFF && p < end && *p >= 0xDC00 && *p <= 0xDFFF)
            ++p; // a surrogate pair is one scalar
    }
    const qint64 n = (cjk * 2 + 2) / 3 + (other + 3) / 4;
    return std::max<qint64>(1, n);
}
