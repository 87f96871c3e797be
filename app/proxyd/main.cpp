// SPDX-License-Identifier: MIT
// kiro-proxyd: the headless proxy (no widgets) — composition root.
#include <QCoreApplication>
#include <QCommandLineParser>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kiro-proxyd"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KIRO_VERSION_STRING));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Anthropic Messages API proxy over Kiro accounts (headless)"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);
    return 0;
}
