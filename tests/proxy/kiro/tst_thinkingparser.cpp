// SPDX-License-Identifier: MIT
// Tests ThinkingParser against real endings of model thinking (docs/protocol.md §7.2 as corrected), each fed whole,
// split at every offset, split at every pair of offsets and one character at a time.
#include <QTest>

#include "kiro/thinkingparser.h"

namespace {
// Folds parser output into "T:text" / "K:thinking" segments with adjacent pieces of one kind merged.
QStringList fold(const QList<ThinkingOutput> &outputs)
{
    QStringList out;
    QString current;
    QChar kind;
    auto flush = [&] {
        if (!kind.isNull())
            out.append(QString(kind) + QLatin1Char(':') + current);
        current.clear();
        kind = QChar();
    };
    for (const ThinkingOutput &o : outputs) {
        switch (o.kind) {
        case ThinkingOutput::Kind::Text:
            if (kind != QLatin1Char('T'))
                flush();
            kind = QLatin1Char('T');
            current += o.text;
            break;
        case ThinkingOutput::Kind::ThinkingStart:
            flush();
            kind = QLatin1Char('K');
            break;
        case ThinkingOutput::Kind::ThinkingDelta:
            kind = QLatin1Char('K');
            current += o.text;
            break;
        case ThinkingOutput::Kind::ThinkingStop:
            flush();
            break;
        }
    }
    flush();
    return out;
}

// Feeds the chunks; `toolAfter` puts a tool-call boundary after the last chunk, before the end of the stream.
QStringList run(const QStringList &chunks, bool toolAfter = false)
{
    ThinkingParser p;
    QList<ThinkingOutput> all;
    for (const QString &c : chunks)
        all += p.feed(c);
    if (toolAfter)
        all += p.flushForToolUse();
    all += p.finish();
    return fold(all);
}

QString S(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

// Every way of cutting `text` into one, two or three chunks, and one character per chunk, gives `expected`.
void checkEverySplit(const QString &text, const QStringList &expected, bool toolAfter)
{
    QCOMPARE(run({text}, toolAfter), expected);
    // Kiro's events carry whole code points: never cut inside a surrogate pair.
    auto splittable = [&](int i) { return i <= 0 || i >= text.size() || !text.at(i).isLowSurrogate(); };
    QStringList single;
    for (int i = 0; i < text.size(); ++i) {
        if (splittable(i))
            single.append(QString());
        single.last() += text.at(i);
    }
    QCOMPARE(run(single, toolAfter), expected);
    for (int a = 0; a <= text.size(); ++a) {
        if (!splittable(a))
            continue;
        const QStringList two{text.left(a), text.mid(a)};
        if (run(two, toolAfter) != expected) {
            qWarning() << "split at" << a << two;
            QCOMPARE(run(two, toolAfter), expected);
        }
        for (int b = a; b <= text.size(); ++b) {
            if (!splittable(b))
                continue;
            const QStringList three{text.left(a), text.mid(a, b - a), text.mid(b)};
            if (run(three, toolAfter) != expected) {
                qWarning() << "split at" << a << b << three;
                QCOMPARE(run(three, toolAfter), expected);
            }
        }
    }
}
} // namespace

class TestThinkingParser : public QObject
{
    Q_OBJECT

private slots:
    void endings_data();
    void endings();
    void atToolBoundary_data();
    void atToolBoundary();
    void textAfterToolIsAnswer();
    void mentionCharacters();
};

void TestThinkingParser::endings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");

    const QString answer = QStringLiteral("The answer is 42.");
    // Sentence punctuation, brackets and markdown right before the end tag never make it a mention (the KRS bug).
    const QString punctuation = QStringLiteral(".!?:;,)]}*_~>#-+=/\\|%&@$^<");
    for (const QChar p : punctuation) {
        const QString thinking = QStringLiteral("Let me think step by step") + p;
        QTest::addRow("ends with '%c' then blank line", p.toLatin1())
            << QStringLiteral("<thinking>\n") + thinking + QStringLiteral("</thinking>\n\n") + answer
            << QStringList{QStringLiteral("K:") + thinking, QStringLiteral("T:") + answer};
        QTest::addRow("ends with '%c' then one newline", p.toLatin1())
            << QStringLiteral("<thinking>\n") + thinking + QStringLiteral("</thinking>\n") + answer
            << QStringList{QStringLiteral("K:") + thinking, QStringLiteral("T:") + answer};
    }
    QTest::newRow("CRLF line breaks") << QStringLiteral("<thinking>\r\nDone.</thinking>\r\n\r\n") + answer
                                      << QStringList{QStringLiteral("K:Done."), QStringLiteral("T:") + answer};
    QTest::newRow("spaces between the tag and the line break")
        << QStringLiteral("<thinking>\nDone.</thinking>  \n\n") + answer
        << QStringList{QStringLiteral("K:Done."), QStringLiteral("T:") + answer};
    QTest::newRow("three newlines keep one") << QStringLiteral("<thinking>\nDone.</thinking>\n\n\n") + answer
                                             << QStringList{QStringLiteral("K:Done."), QStringLiteral("T:\n") + answer};
    QTest::newRow("closing code fence on its own line")
        << QStringLiteral("<thinking>\n```js\nx()\n```\n</thinking>\n\n") + answer
        << QStringList{QStringLiteral("K:```js\nx()\n```\n"), QStringLiteral("T:") + answer};
    QTest::newRow("closing code fence right before the tag")
        << QStringLiteral("<thinking>\n```\nx()\n```</thinking>\n\n") + answer
        << QStringList{QStringLiteral("K:```\nx()\n```"), QStringLiteral("T:") + answer};
    QTest::newRow("list item") << QStringLiteral("<thinking>\n- step one\n- step two</thinking>\n\n") + answer
                               << QStringList{QStringLiteral("K:- step one\n- step two"),
                                              QStringLiteral("T:") + answer};
    QTest::newRow("quoted sentence end") << QStringLiteral("<thinking>\nHe said \"yes\"</thinking>\n\n") + answer
                                         << QStringList{QStringLiteral("K:He said \"yes\""),
                                                        QStringLiteral("T:") + answer};
    QTest::newRow("CJK text") << S("<thinking>\n我想一想。</thinking>\n\n答案是42。")
                              << QStringList{S("K:我想一想。"), S("T:答案是42。")};
    QTest::newRow("CJK without punctuation")
        << S("<thinking>\n北京天气</thinking>\n晴天") << QStringList{S("K:北京天气"), S("T:晴天")};
    QTest::newRow("full-width punctuation")
        << S("<thinking>\n好吗？（是）</thinking>\n\n好！") << QStringList{S("K:好吗？（是）"), S("T:好！")};
    QTest::newRow("emoji before the tag")
        << S("<thinking>\nok 👍</thinking>\n\nfine") << QStringList{S("K:ok 👍"), S("T:fine")};
    QTest::newRow("tag mentioned in backticks and quotes mid-thinking")
        << QStringLiteral("<thinking>\nUse `</thinking>` to close; \"</thinking>\" and '</thinking>' are "
                          "mentions.</thinking>\n\n") +
               answer
        << QStringList{QStringLiteral("K:Use `</thinking>` to close; \"</thinking>\" and '</thinking>' are mentions."),
                       QStringLiteral("T:") + answer};
    QTest::newRow("tag followed by a word is a mention")
        << QStringLiteral("<thinking>\nthe </thinking> tag closes.</thinking>\n\n") + answer
        << QStringList{QStringLiteral("K:the </thinking> tag closes."), QStringLiteral("T:") + answer};
    QTest::newRow("tag followed by a space then a real end")
        << QStringLiteral("<thinking>\na</thinking> b</thinking>\n\nc")
        << QStringList{QStringLiteral("K:a</thinking> b"), QStringLiteral("T:c")};
    QTest::newRow("adaptive: blank lines before thinking")
        << QStringLiteral("\n\n<thinking>\nweigh it.</thinking>\n\n") + answer
        << QStringList{QStringLiteral("K:weigh it."), QStringLiteral("T:") + answer};
    QTest::newRow("adaptive: no thinking at all")
        << QStringLiteral("\n\nJust the answer.") << QStringList{QStringLiteral("T:\n\nJust the answer.")};
    QTest::newRow("no thinking at all") << QStringLiteral("plain answer")
                                        << QStringList{QStringLiteral("T:plain answer")};
    QTest::newRow("start tag not first is text")
        << QStringLiteral("Sure. <thinking>\nx</thinking>\n\ny")
        << QStringList{QStringLiteral("T:Sure. <thinking>\nx</thinking>\n\ny")};
    QTest::newRow("backquoted start tag is text")
        << QStringLiteral("<thinking>` is a tag") << QStringList{QStringLiteral("T:<thinking>` is a tag")};
    QTest::newRow("double-quoted start tag is text")
        << QStringLiteral("\"<thinking>\" here") << QStringList{QStringLiteral("T:\"<thinking>\" here")};
    QTest::newRow("only the first block is thinking")
        << QStringLiteral("<thinking>\na.</thinking>\n\n<thinking>\nb</thinking>\n\n")
        << QStringList{QStringLiteral("K:a."), QStringLiteral("T:<thinking>\nb</thinking>\n\n")};
    QTest::newRow("empty thinking") << QStringLiteral("<thinking></thinking>\n\nok")
                                    << QStringList{QStringLiteral("K:"), QStringLiteral("T:ok")};
    QTest::newRow("thinking only, end tag at stream end")
        << QStringLiteral("<thinking>\nabc.</thinking>") << QStringList{QStringLiteral("K:abc.")};
    QTest::newRow("thinking only, whitespace after the end tag")
        << QStringLiteral("<thinking>\nz!</thinking>  \n") << QStringList{QStringLiteral("K:z!")};
    QTest::newRow("unterminated thinking")
        << QStringLiteral("<thinking>\nstill thinking") << QStringList{QStringLiteral("K:still thinking")};
    QTest::newRow("end tag glued to text is not an end") << QStringLiteral("<thinking>\nx.</thinking>The answer")
                                                         << QStringList{QStringLiteral("K:x.</thinking>The answer")};
    QTest::newRow("bare start tag at stream end") << QStringLiteral("<thinking>") << QStringList{QStringLiteral("K:")};
    QTest::newRow("partial start tag at stream end is text")
        << QStringLiteral("<think") << QStringList{QStringLiteral("T:<think")};
    QTest::newRow("partial end tag inside thinking")
        << QStringLiteral("<thinking>\na </thinkin b</thinking>\n\nc")
        << QStringList{QStringLiteral("K:a </thinkin b"), QStringLiteral("T:c")};
}

void TestThinkingParser::endings()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    checkEverySplit(text, expected, false);
}

void TestThinkingParser::atToolBoundary_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("end tag and blank line before the tool")
        << QStringLiteral("<thinking>\nplan.</thinking>\n\n") << QStringList{QStringLiteral("K:plan.")};
    QTest::newRow("end tag alone before the tool")
        << QStringLiteral("<thinking>\nplan.</thinking>") << QStringList{QStringLiteral("K:plan.")};
    QTest::newRow("end tag and spaces before the tool")
        << QStringLiteral("<thinking>\nplan:</thinking> \t") << QStringList{QStringLiteral("K:plan:")};
    // Blank text after the thinking block reaches the assembler, which never opens a text block for it.
    QTest::newRow("end tag, line break and a space before the tool")
        << QStringLiteral("<thinking>\nplan:</thinking> \n ")
        << QStringList{QStringLiteral("K:plan:"), QStringLiteral("T: ")};
    QTest::newRow("thinking cut by the tool")
        << QStringLiteral("<thinking>\nplan") << QStringList{QStringLiteral("K:plan")};
    QTest::newRow("thinking then text then the tool")
        << QStringLiteral("<thinking>\nplan.</thinking>\n\nI will call it.")
        << QStringList{QStringLiteral("K:plan."), QStringLiteral("T:I will call it.")};
    QTest::newRow("text only before the tool")
        << QStringLiteral("Let me check") << QStringList{QStringLiteral("T:Let me check")};
    QTest::newRow("whitespace only before the tool") << QStringLiteral("\n\n") << QStringList{};
    QTest::newRow("CJK thinking before the tool")
        << S("<thinking>\n先查一下。</thinking>\n\n") << QStringList{S("K:先查一下。")};
}

void TestThinkingParser::atToolBoundary()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    checkEverySplit(text, expected, true);
}

void TestThinkingParser::textAfterToolIsAnswer()
{
    ThinkingParser p;
    QList<ThinkingOutput> all = p.feed(QStringLiteral("<thinking>\nplan.</thinking>"));
    all += p.flushForToolUse();
    all += p.feed(QStringLiteral("<thinking>\nlater</thinking>\n\n"));
    all += p.finish();
    QCOMPARE(fold(all), (QStringList{QStringLiteral("K:plan."), QStringLiteral("T:<thinking>\nlater</thinking>\n\n")}));
}

void TestThinkingParser::mentionCharacters()
{
    const QByteArray all = QByteArrayLiteral(".!?:;,()[]{}<>*_~#-+=/\\|%&@$^ \n\t`\"'");
    for (const char c : all)
        QCOMPARE(ThinkingParser::isMentionChar(c), c == '`' || c == '"' || c == '\'');
}

QTEST_GUILESS_MAIN(TestThinkingParser)
#include "tst_thinkingparser.moc"
