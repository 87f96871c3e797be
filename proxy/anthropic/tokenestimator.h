// SPDX-License-Identifier: MIT
// TokenEstimator: local token estimates for requests, images and streamed output (docs/protocol.md §10.2).
#pragma once

#include <QByteArray>
#include <QSize>
#include <QString>
#include <QStringView>

struct MessagesRequest;
struct ContentBlock;

class TokenEstimator
{
public:
    /// KRS count_tokens(text): western scalars weigh 1 unit, others 4; units/4 scaled by a length factor.
    static qint64 countText(QStringView text);
    /// The whole request: system, every message block (text, tool_use input, tool_result content, thinking,
    /// documents, images), tool definitions, per-message overhead. At least 1.
    static qint64 estimateRequest(const MessagesRequest &request);
    /// Tokens of one image from its real pixel size (Anthropic: w*h/750 after fitting 1568 px / 1.15 MP).
    static qint64 imageTokens(const QString &mediaType, const QString &base64Data);
    /// Pixel size read from PNG, JPEG, GIF or WebP headers; invalid when unknown.
    static QSize imageSize(const QByteArray &head);
    /// KRS streaming estimate for a text chunk: ceil(cjk*2/3) + ceil(other/4), at least 1.
    static qint64 outputChunk(QStringView text);
    /// A tool-input fragment: (its UTF-8 bytes + 3) / 4, counted in place (no conversion per streamed fragment).
    static qint64 toolFragment(QStringView fragment) { return (utf8Length(fragment) + 3) / 4; }
    /// The size of QString::toUtf8() for `text` (a surrogate without its partner becomes '?': 1 byte).
    static qint64 utf8Length(QStringView text);

    static constexpr qint64 kPerMessageOverhead = 3;
    static constexpr qint64 kPerToolOverhead = 8;
    static constexpr qint64 kUnknownImageTokens = 1600;

private:
    static qint64 blockTokens(const ContentBlock &block);
};
