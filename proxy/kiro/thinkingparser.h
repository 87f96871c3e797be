// SPDX-License-Identifier: MIT
// ThinkingParser: streaming <thinking>…</thinking> extraction from Kiro text (kiro-protocol.md §7.2, UTF-8 safe).
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

struct ThinkingOutput
{
    enum class Kind { Text, ThinkingStart, ThinkingDelta, ThinkingStop };
    Kind kind;
    QString text;
};

/// Feed text chunks as they arrive; get text and thinking pieces in order. Only the first thinking block is
/// extracted; tags next to a quote character are literal; an end tag counts only when "\n\n" follows it (or, at a
/// tool call and at the end of the stream, when only whitespace follows).
class ThinkingParser
{
public:
    QList<ThinkingOutput> feed(const QString &chunk);
    /// A tool call is about to start: flush everything held back.
    QList<ThinkingOutput> flushForToolUse();
    /// The stream ended.
    QList<ThinkingOutput> finish();

    bool inThinking() const { return m_inThinking; }
    bool extracted() const { return m_extracted; }

    static bool isQuoteChar(char c);

private:
    void process(QList<ThinkingOutput> &out);
    qsizetype findStartTag(bool atEnd) const;
    qsizetype findEndTag() const; ///< position, -1 none, -2 undecided (needs more bytes)
    qsizetype findEndTagAtBufferEnd() const;
    void emitText(QList<ThinkingOutput> &out, const QByteArray &bytes, bool skipBlank);
    void flushThinking(QList<ThinkingOutput> &out, bool atEnd);

    QByteArray m_buffer;
    bool m_inThinking = false;
    bool m_extracted = false;
    bool m_stripNewline = false;
};
