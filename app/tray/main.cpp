// SPDX-License-Identifier: MIT
// kiro-tray: the desktop tray application — composition root.
#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("kiro-tray"));
    QApplication::setApplicationVersion(QStringLiteral(KIRO_VERSION_STRING));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Kiro Tray: use your Kiro Claude quota from any Anthropic API client"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);
    return 0;
}
