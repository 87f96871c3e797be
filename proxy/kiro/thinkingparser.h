// SPDX-License-Identifier: MIT
// ThinkingParser: streaming <thinking>…</thinking> extraction from Kiro text (docs/protocol.md §7.2, corrected rule).
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

/// Feed text chunks as they arrive; get text and thinking pieces in order, identical however the text is split.
///
/// The rule (docs/protocol.md §7.2 as corrected): sentence punctuation, brackets, markdown, whitespace and CJK text
/// next to a tag never make it a mention; only a backtick or a quote does. The start tag is real only as the first
/// non-whitespace content of the response and when no ` " ' follows it. An end tag is real when a line break (`\n` or
/// `\r\n`) follows it — one or two line breaks are consumed — or, at a tool call and at the end of the stream, when
/// only whitespace follows it; anything else after it ("</thinking>` ", "</thinking> and") makes it a mention.
/// A quote *before* an end tag does not make it a mention when a line break follows (`"yes"</thinking>\n`, a closing
/// code fence "```</thinking>\n"): a line break right after the tag is the stronger signal, and reading those as
/// mentions would swallow the whole answer into the thinking block. Only the first thinking block is extracted.
class ThinkingParser
{
public:
    QList<ThinkingOutput> feed(const QString &chunk);
    /// A tool call is about to start: flush everything held back (the tool call is a boundary).
    QList<ThinkingOutput> flushForToolUse();
    /// The stream ended.
    QList<ThinkingOutput> finish();

    /// Characters that make an adjacent tag a mention rather than markup: ` " '.
    static bool isMentionChar(char c);

private:
    enum class Phase { Start, Thinking, Text };

    void process(QList<ThinkingOutput> &out);
    bool processStart(QList<ThinkingOutput> &out);
    bool processThinking(QList<ThinkingOutput> &out);
    void processText(QList<ThinkingOutput> &out);
    void closeAtBoundary(QList<ThinkingOutput> &out);
    void emitText(QList<ThinkingOutput> &out, const QByteArray &bytes, bool skipBlank);
    void emitThinking(QList<ThinkingOutput> &out, qsizetype length);
    /// Removes one leading line break; false when the buffer cannot tell yet (empty, or a lone "\r").
    bool stripLineBreak();

    QByteArray m_buffer;
    Phase m_phase = Phase::Start;
    bool m_extracted = false;
    bool m_stripAfterStart = false; ///< one line break after <thinking> is dropped
    bool m_stripAfterEnd = false;   ///< a second line break after </thinking> is dropped
};
