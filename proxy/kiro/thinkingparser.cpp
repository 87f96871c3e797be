// SPDX-License-Identifier: MIT
// ThinkingParser: the KRS state machine with quote, split-tag and end-of-stream rules.
#include "kiro/thinkingparser.h"

namespace {
const QByteArray kStart = QByteArrayLiteral("<thinking>");
const QByteArray kEnd = QByteArrayLiteral("</thinking>");

bool isBlank(const QByteArray &b)
{
    for (const char c : b) {
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            return false;
    }
    return true;
}

// Moves a cut position back so it never splits a UTF-8 sequence.
qsizetype charBoundary(const QByteArray &b, qsizetype cut)
{
    while (cut > 0 && cut < b.size() && (quint8(b.at(cut)) & 0xC0) == 0x80)
        --cut;
    return cut;
}
} // namespace

bool ThinkingParser::isQuoteChar(char c)
{
    static const QByteArray quotes = QByteArrayLiteral("`\"'\\#!@$%^&*()-_=+[]{};:<>,.?/");
    return quotes.contains(c);
}

qsizetype ThinkingParser::findStartTag(bool atEnd) const
{
    qsizetype from = 0;
    while (true) {
        const qsizetype p = m_buffer.indexOf(kStart, from);
        if (p < 0)
            return -1;
        const qsizetype after = p + kStart.size();
        const bool quotedBefore = p > 0 && isQuoteChar(m_buffer.at(p - 1));
        if (!quotedBefore) {
            if (after >= m_buffer.size())
                return atEnd ? p : -2; // the next byte decides
            if (!isQuoteChar(m_buffer.at(after)))
                return p;
        }
        from = p + 1;
    }
}

qsizetype ThinkingParser::findEndTag() const
{
    qsizetype from = 0;
    while (true) {
        const qsizetype p = m_buffer.indexOf(kEnd, from);
        if (p < 0)
            return -1;
        if (!(p > 0 && isQuoteChar(m_buffer.at(p - 1)))) {
            const qsizetype after = p + kEnd.size();
            if (m_buffer.size() - after < 2)
                return -2;
            if (m_buffer.at(after) == '\n' && m_buffer.at(after + 1) == '\n')
                return p;
        }
        from = p + 1;
    }
}

qsizetype ThinkingParser::findEndTagAtBufferEnd() const
{
    qsizetype from = 0;
    while (true) {
        const qsizetype p = m_buffer.indexOf(kEnd, from);
        if (p < 0)
            return -1;
        if (!(p > 0 && isQuoteChar(m_buffer.at(p - 1))) && isBlank(m_buffer.mid(p + kEnd.size())))
            return p;
        from = p + 1;
    }
}

void ThinkingParser::emitText(QList<ThinkingOutput> &out, const QByteArray &bytes, bool skipBlank)
{
    if (bytes.isEmpty() || (skipBlank && isBlank(bytes)))
        return;
    out.append({ThinkingOutput::Kind::Text, QString::fromUtf8(bytes)});
}

QList<ThinkingOutput> ThinkingParser::feed(const QString &chunk)
{
    QList<ThinkingOutput> out;
    m_buffer += chunk.toUtf8();
    process(out);
    return out;
}

void ThinkingParser::process(QList<ThinkingOutput> &out)
{
    while (true) {
        if (!m_inThinking && !m_extracted) {
            const qsizetype p = findStartTag(false);
            if (p >= 0) {
                emitText(out, m_buffer.left(p), true);
                m_buffer.remove(0, p + kStart.size());
                m_inThinking = true;
                m_stripNewline = true;
                out.append({ThinkingOutput::Kind::ThinkingStart, {}});
                continue;
            }
            // Hold back enough bytes to complete a split tag; a blank prefix is kept (no text block before thinking).
            const qsizetype keep = qMin<qsizetype>(kStart.size(), m_buffer.size());
            const qsizetype cut = charBoundary(m_buffer, m_buffer.size() - keep);
            const QByteArray prefix = m_buffer.left(cut);
            if (!isBlank(prefix)) {
                emitText(out, prefix, false);
                m_buffer.remove(0, cut);
            }
            return;
        }
        if (m_inThinking) {
            if (m_stripNewline) {
                if (m_buffer.isEmpty())
                    return;
                if (m_buffer.startsWith('\n'))
                    m_buffer.remove(0, 1);
                m_stripNewline = false;
            }
            const qsizetype p = findEndTag();
            if (p >= 0) {
                if (p > 0)
                    out.append({ThinkingOutput::Kind::ThinkingDelta, QString::fromUtf8(m_buffer.left(p))});
                out.append({ThinkingOutput::Kind::ThinkingStop, {}});
                m_buffer.remove(0, p + kEnd.size() + 2);
                m_inThinking = false;
                m_extracted = true;
                continue;
            }
            const qsizetype keep = qMin<qsizetype>(kEnd.size() + 2, m_buffer.size());
            const qsizetype cut = charBoundary(m_buffer, m_buffer.size() - keep);
            if (cut > 0) {
                out.append({ThinkingOutput::Kind::ThinkingDelta, QString::fromUtf8(m_buffer.left(cut))});
                m_buffer.remove(0, cut);
            }
            return;
        }
        // After the one thinking block everything is text.
        emitText(out, m_buffer, false);
        m_buffer.clear();
        return;
    }
}

void ThinkingParser::flushThinking(QList<ThinkingOutput> &out, bool atEnd)
{
    Q_UNUSED(atEnd)
    if (m_stripNewline && m_buffer.startsWith('\n'))
        m_buffer.remove(0, 1);
    m_stripNewline = false;
    const qsizetype p = findEndTagAtBufferEnd();
    QByteArray thinking = p >= 0 ? m_buffer.left(p) : m_buffer;
    QByteArray rest = p >= 0 ? m_buffer.mid(p + kEnd.size()) : QByteArray();
    if (!thinking.isEmpty())
        out.append({ThinkingOutput::Kind::ThinkingDelta, QString::fromUtf8(thinking)});
    out.append({ThinkingOutput::Kind::ThinkingStop, {}});
    m_inThinking = false;
    m_extracted = true;
    m_buffer.clear();
    emitText(out, rest, true);
}

QList<ThinkingOutput> ThinkingParser::flushForToolUse()
{
    QList<ThinkingOutput> out;
    if (m_inThinking) {
        flushThinking(out, false);
    } else {
        emitText(out, m_buffer, !m_extracted);
        m_buffer.clear();
    }
    return out;
}

QList<ThinkingOutput> ThinkingParser::finish()
{
    QList<ThinkingOutput> out;
    if (!m_inThinking && !m_extracted) {
        // A start tag at the very end of the stream is real.
        const qsizetype p = findStartTag(true);
        if (p >= 0) {
            emitText(out, m_buffer.left(p), true);
            m_buffer.remove(0, p + kStart.size());
            m_inThinking = true;
            m_stripNewline = true;
            out.append({ThinkingOutput::Kind::ThinkingStart, {}});
        }
    }
    if (m_inThinking) {
        flushThinking(out, true);
    } else {
        emitText(out, m_buffer, !m_extracted);
        m_buffer.clear();
    }
    return out;
}
