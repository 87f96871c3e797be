// SPDX-License-Identifier: MIT
// ThinkingParser: a three-phase state machine (start → thinking → text) over a byte buffer.
#include "kiro/thinkingparser.h"

namespace {
const QByteArray kStart = QByteArrayLiteral("<thinking>");
const QByteArray kEnd = QByteArrayLiteral("</thinking>");

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool isBlank(const QByteArray &b, qsizetype from = 0)
{
    for (qsizetype i = from; i < b.size(); ++i) {
        if (!isSpace(b.at(i)))
            return false;
    }
    return true;
}

// True when `s` survives toUtf8() → fromUtf8() unchanged (a surrogate without its partner would become '?').
bool pairedSurrogates(QStringView s)
{
    const char16_t *p = s.utf16();
    const char16_t *const end = p + s.size();
    while (p < end) {
        const char16_t c = *p++;
        if (c < 0xD800 || c > 0xDFFF)
            continue;
        if (c > 0xDBFF || p == end || *p < 0xDC00 || *p > 0xDFFF)
            return false;
        ++p;
    }
    return true;
}

// Length of the longest suffix of `b` that is a proper prefix of `tag` (a tag that may still be completing).
qsizetype partialTagSuffix(const QByteArray &b, const QByteArray &tag)
{
    for (qsizetype k = qMin(b.size(), tag.size() - 1); k > 0; --k) {
        if (b.endsWith(QByteArrayView(tag).first(k)))
            return k;
    }
    return 0;
}
} // namespace

bool ThinkingParser::isMentionChar(char c)
{
    return c == '`' || c == '"' || c == '\'';
}

void ThinkingParser::emitText(QList<ThinkingOutput> &out, const QByteArray &bytes, bool skipBlank)
{
    if (bytes.isEmpty() || (skipBlank && isBlank(bytes)))
        return;
    out.append({ThinkingOutput::Kind::Text, QString::fromUtf8(bytes)});
}

void ThinkingParser::emitThinking(QList<ThinkingOutput> &out, qsizetype length)
{
    if (length <= 0)
        return;
    out.append({ThinkingOutput::Kind::ThinkingDelta, QString::fromUtf8(m_buffer.constData(), length)});
    m_buffer.remove(0, length);
}

bool ThinkingParser::stripLineBreak()
{
    if (m_buffer.isEmpty() || m_buffer == "\r")
        return false;
    if (m_buffer.startsWith('\n'))
        m_buffer.remove(0, 1);
    else if (m_buffer.startsWith("\r\n"))
        m_buffer.remove(0, 2);
    return true;
}

QList<ThinkingOutput> ThinkingParser::feed(const QString &chunk)
{
    QList<ThinkingOutput> out;
    // The answer after the thinking (most of a long reply): nothing is held back, so a chunk is text as it is, without
    // the trip through the UTF-8 buffer the tag search needs.
    if (m_phase == Phase::Text && !m_stripAfterEnd && m_buffer.isEmpty() && pairedSurrogates(chunk)) {
        if (!chunk.isEmpty())
            out.append({ThinkingOutput::Kind::Text, chunk});
        return out;
    }
    m_buffer += chunk.toUtf8();
    process(out);
    return out;
}

void ThinkingParser::process(QList<ThinkingOutput> &out)
{
    while (true) {
        switch (m_phase) {
        case Phase::Start:
            if (!processStart(out))
                return;
            break;
        case Phase::Thinking:
            if (!processThinking(out))
                return;
            break;
        case Phase::Text:
            processText(out);
            return;
        }
    }
}

// Decides whether the response opens with a real <thinking> tag. Returns true when the phase changed.
bool ThinkingParser::processStart(QList<ThinkingOutput> &out)
{
    qsizetype first = 0;
    while (first < m_buffer.size() && isSpace(m_buffer.at(first)))
        ++first;
    const QByteArrayView rest = QByteArrayView(m_buffer).sliced(first);
    if (rest.size() <= kStart.size() && QByteArrayView(kStart).startsWith(rest))
        return false; // blank so far, a tag still arriving, or the complete tag waiting for the byte after it
    if (rest.startsWith(kStart) && !isMentionChar(rest.at(kStart.size()))) {
        m_buffer.remove(0, first + kStart.size());
        m_phase = Phase::Thinking;
        m_stripAfterStart = true;
        out.append({ThinkingOutput::Kind::ThinkingStart, {}});
        return true;
    }
    m_phase = Phase::Text; // the answer does not open with thinking: everything is text
    return true;
}

// Emits thinking up to a real end tag (then switches to text) or up to what may still become one.
bool ThinkingParser::processThinking(QList<ThinkingOutput> &out)
{
    if (m_stripAfterStart) {
        if (!stripLineBreak())
            return false;
        m_stripAfterStart = false;
    }
    qsizetype from = 0;
    while (true) {
        const qsizetype p = m_buffer.indexOf(kEnd, from);
        if (p < 0)
            break;
        from = p + 1;
        // Spaces or tabs between the tag and the line break are invisible and allowed.
        qsizetype after = p + kEnd.size();
        while (after < m_buffer.size() && (m_buffer.at(after) == ' ' || m_buffer.at(after) == '\t'))
            ++after;
        if (after >= m_buffer.size() || (m_buffer.at(after) == '\r' && after + 1 >= m_buffer.size())) {
            emitThinking(out, p); // the bytes after the tag decide; keep the tag
            return false;
        }
        qsizetype lineBreak = 0;
        if (m_buffer.at(after) == '\n')
            lineBreak = 1;
        else if (m_buffer.at(after) == '\r' && m_buffer.at(after + 1) == '\n')
            lineBreak = 2;
        if (lineBreak == 0)
            continue; // "</thinking> and more", "`</thinking>`": a mention inside the thinking
        emitThinking(out, p);
        out.append({ThinkingOutput::Kind::ThinkingStop, {}});
        m_buffer.remove(0, after - p + lineBreak); // the thinking before the tag is gone already
        m_phase = Phase::Text;
        m_extracted = true;
        m_stripAfterEnd = true;
        return true;
    }
    emitThinking(out, m_buffer.size() - partialTagSuffix(m_buffer, kEnd));
    return false;
}

void ThinkingParser::processText(QList<ThinkingOutput> &out)
{
    if (m_stripAfterEnd) {
        if (!stripLineBreak())
            return;
        m_stripAfterEnd = false;
    }
    emitText(out, m_buffer, false);
    m_buffer.clear();
}

// A tool call or the end of the stream: whatever is buffered is final.
void ThinkingParser::closeAtBoundary(QList<ThinkingOutput> &out)
{
    switch (m_phase) {
    case Phase::Start: {
        const QByteArray rest = m_buffer.trimmed();
        if (rest == kStart) { // "<thinking>" and nothing after it: an empty thinking block
            out.append({ThinkingOutput::Kind::ThinkingStart, {}});
            out.append({ThinkingOutput::Kind::ThinkingStop, {}});
            m_extracted = true;
        } else {
            emitText(out, m_buffer, true);
        }
        break;
    }
    case Phase::Thinking: {
        if (m_stripAfterStart)
            stripLineBreak();
        m_stripAfterStart = false;
        // A real end tag here is one followed only by whitespace; only the last occurrence can be.
        qsizetype length = m_buffer.size();
        const qsizetype p = m_buffer.lastIndexOf(kEnd);
        if (p >= 0 && isBlank(m_buffer, p + kEnd.size()))
            length = p;
        emitThinking(out, length);
        out.append({ThinkingOutput::Kind::ThinkingStop, {}});
        m_extracted = true;
        break;
    }
    case Phase::Text:
        if (m_stripAfterEnd && stripLineBreak())
            m_stripAfterEnd = false;
        emitText(out, m_buffer, !m_extracted);
        break;
    }
    m_buffer.clear();
    // After a boundary nothing can open thinking any more: later text is the answer.
    m_phase = Phase::Text;
    m_stripAfterEnd = false;
}

QList<ThinkingOutput> ThinkingParser::flushForToolUse()
{
    QList<ThinkingOutput> out;
    closeAtBoundary(out);
    return out;
}

QList<ThinkingOutput> ThinkingParser::finish()
{
    QList<ThinkingOutput> out;
    closeAtBoundary(out);
    return out;
}
