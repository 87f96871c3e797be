// SPDX-License-Identifier: MIT
// Tests ThinkingParser: split tags, quoted tags, end-tag rules, UTF-8 safety, tool boundaries (kiro-protocol.md §7.2).
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

QStringList run(const QStringList &chunks)
{
    ThinkingParser p;
    QList<ThinkingOutput> all;
    for (const QString &c : chunks)
        all += p.feed(c);
    all += p.finish();
    return fold(all);
}
} // namespace

class TestThinkingParser : public QObject
{
    Q_OBJECT

private slots:
    void cases_data();
    void cases();
    void everySplitGivesSameResult();
    void cjkByteByByte();
    void toolUseInsideThinking();
    void heldBackTextFlushedBeforeTool();
};

void TestThinkingParser::cases_data()
{
    QTest::addColumn<QStringList>("chunks");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("adversarial split of §16.4")
        << QStringList{QStringLiteral("\n\n<thin"), QStringLiteral("king>\nabc</thin"), QStringLiteral("king>"),
                       QStringLiteral("\n"), QStringLiteral("\nanswer")}
        << QStringList{QStringLiteral("K:abc"), QStringLiteral("T:answer")};
    QTest::newRow("thinking only") << QStringList{QStringLiteral("<thinking>\nabc</thinking>")}
                                   << QStringList{QStringLiteral("K:abc")};
    QTest::newRow("no thinking at all") << QStringList{QStringLiteral("plain "), QStringLiteral("answer")}
                                        << QStringList{QStringLiteral("T:plain answer")};
    QTest::newRow("backquoted end tag stays literal")
        << QStringList{QStringLiteral("<thinking>\nuse `</thinking>` tags</thinking>\n\nok")}
        << QStringList{QStringLiteral("K:use `</thinking>` tags"), QStringLiteral("T:ok")};
    QTest::newRow("double-quoted start tag is text") << QStringList{QStringLiteral("write \"<thinking>\" here")}
                                                     << QStringList{QStringLiteral("T:write \"<thinking>\" here")};
    QTest::newRow("end tag without blank line is not the end")
        << QStringList{QStringLiteral("<thinking>\na</thinking> b</thinking>\n\nc")}
        << QStringList{QStringLiteral("K:a</thinking> b"), QStringLiteral("T:c")};
    QTest::newRow("text before thinking")
        << QStringList{QStringLiteral("Sure. <thinking>\nx</thinking>\n\ny")}
        << QStringList{QStringLiteral("T:Sure. "), QStringLiteral("K:x"), QStringLiteral("T:y")};
    QTest::newRow("only first block is thinking")
        << QStringList{QStringLiteral("<thinking>\na</thinking>\n\n<thinking>\nb</thinking>\n\n")}
        << QStringList{QStringLiteral("K:a"), QStringLiteral("T:<thinking>\nb</thinking>\n\n")};
    QTest::newRow("start tag split across three chunks")
        << QStringList{QStringLiteral("<th"), QStringLiteral("ink"), QStringLiteral("ing>\nq</thinking>\n\nr")}
        << QStringList{QStringLiteral("K:q"), QStringLiteral("T:r")};
    QTest::newRow("end tag at stream end with trailing space")
        << QStringList{QStringLiteral("<thinking>\nz</thinking>  ")} << QStringList{QStringLiteral("K:z")};
    QTest::newRow("unterminated thinking")
        << QStringList{QStringLiteral("<thinking>\nstill thinking")} << QStringList{QStringLiteral("K:still thinking")};
    QTest::newRow("newline after start tag split off")
        << QStringList{QStringLiteral("<thinking>"), QStringLiteral("\nm</thinking>\n\nn")}
        << QStringList{QStringLiteral("K:m"), QStringLiteral("T:n")};
}

void TestThinkingParser::cases()
{
    QFETCH(QStringList, chunks);
    QFETCH(QStringList, expected);
    QCOMPARE(run(chunks), expected);
}

void TestThinkingParser::everySplitGivesSameResult()
{
    const QString text =
        QStringLiteral("\n\n<thinking>\nweigh options; say \"</thinking>\" literally</thinking>\n\nDone.");
    const QStringList expected = run({text});
    QCOMPARE(expected, (QStringList{QStringLiteral("K:weigh options; say \"</thinking>\" literally"),
                                    QStringLiteral("T:Done.")}));
    for (int a = 0; a <= text.size(); ++a)
        QCOMPARE(run({text.left(a), text.mid(a)}), expected);
}

void TestThinkingParser::cjkByteByByte()
{
    const QString text = QStringLiteral("<thinking>\n思考一下：北京天气</thinking>\n\n答案是晴天。");
    QStringList chunks;
    for (const QChar c : text)
        chunks.append(QString(c));
    QCOMPARE(run(chunks), (QStringList{QStringLiteral("K:思考一下：北京天气"), QStringLiteral("T:答案是晴天。")}));
}

void TestThinkingParser::toolUseInsideThinking()
{
    ThinkingParser p;
    QList<ThinkingOutput> all = p.feed(QStringLiteral("<thinking>\nplan</thinking>\n"));
    all += p.flushForToolUse();
    QCOMPARE(fold(all), (QStringList{QStringLiteral("K:plan")}));
    QVERIFY(p.extracted());
}

void TestThinkingParser::heldBackTextFlushedBeforeTool()
{
    ThinkingParser p;
    QList<ThinkingOutput> all = p.feed(QStringLiteral("Let me check"));
    all += p.flushForToolUse();
    QCOMPARE(fold(all), (QStringList{QStringLiteral("T:Let me check")}));
}

QTEST_GUILESS_MAIN(TestThinkingParser)
#include "tst_thinkingparser.moc"
