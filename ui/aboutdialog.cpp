// SPDX-License-Identifier: MIT
// AboutDialog: one rich-text label whose links open with the desktop's handlers (the data folder in the file manager).
#include "aboutdialog.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

#include "trayicons.h"

namespace {
/// An installed documentation file (`<prefix>/share/doc/kiro-tray/<name>`), or `fallback` on the project's page.
QUrl documentUrl(const QString &name, const QString &fallbackPath)
{
    const QString installed =
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../share/doc/kiro-tray/") + name);
    if (QFileInfo::exists(installed))
        return QUrl::fromLocalFile(QFileInfo(installed).canonicalFilePath());
    return QUrl(QStringLiteral(KIRO_HOMEPAGE_URL) + fallbackPath);
}

QString link(const QUrl &url, const QString &text)
{
    return QStringLiteral("<a href=\"%1\">%2</a>").arg(url.toString(QUrl::FullyEncoded), text.toHtmlEscaped());
}
} // namespace

QUrl AboutDialog::readmeUrl()
{
    return documentUrl(QStringLiteral("README.md"), QStringLiteral("#readme"));
}

QUrl AboutDialog::licenseUrl()
{
    return documentUrl(QStringLiteral("LICENSE"), QStringLiteral("/blob/main/LICENSE"));
}

AboutDialog::AboutDialog(const QString &dataDir, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Kiro Tray"));
    auto *layout = new QVBoxLayout(this);
    auto *row = new QHBoxLayout;
    auto *icon = new QLabel(this);
    icon->setPixmap(TrayIcons::appIcon().pixmap(64, 64));
    icon->setAlignment(Qt::AlignTop);
    row->addWidget(icon);
    row->addSpacing(12);

    const QString folder = QDir(dataDir).absolutePath();
    const QString html =
        QStringLiteral("<h2>Kiro Tray %1</h2><p>%2</p><table cellspacing=\"4\">"
                       "<tr><td>%3</td><td>%4</td></tr>"
                       "<tr><td>%5</td><td>%6</td></tr>"
                       "<tr><td>%7</td><td>%8</td></tr>"
                       "<tr><td>%9</td><td>%10</td></tr></table>")
            .arg(QCoreApplication::applicationVersion().toHtmlEscaped(),
                 tr("Use your Kiro Claude quota from any Anthropic API client.").toHtmlEscaped(),
                 tr("Qt:").toHtmlEscaped(),
                 tr("%1 (built with %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)),
                 tr("Data folder:").toHtmlEscaped(),
                 link(QUrl::fromLocalFile(folder), QDir::toNativeSeparators(folder)), tr("Licence:").toHtmlEscaped(),
                 link(licenseUrl(), tr("MIT License")), tr("Documentation:").toHtmlEscaped(),
                 link(readmeUrl(), tr("README")));
    auto *text = new QLabel(html, this);
    text->setObjectName(QStringLiteral("aboutText"));
    text->setTextFormat(Qt::RichText);
    text->setOpenExternalLinks(true);
    text->setTextInteractionFlags(Qt::TextBrowserInteraction);
    text->setWordWrap(true);
    text->setMinimumWidth(380);
    row->addWidget(text, 1);
    layout->addLayout(row);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *aboutQt = buttons->addButton(tr("About &Qt"), QDialogButtonBox::HelpRole);
    connect(aboutQt, &QPushButton::clicked, this, [this] { QMessageBox::aboutQt(this); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}
