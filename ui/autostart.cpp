// SPDX-License-Identifier: MIT
// Autostart: one implementation per platform behind Q_OS_*.
#include "autostart.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSettings>

namespace {
QString executable()
{
    return QCoreApplication::applicationFilePath();
}
} // namespace

#if defined(Q_OS_WIN)
QString Autostart::location()
{
    return QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\KiroTray");
}

bool Autostart::isEnabled()
{
    QSettings run(QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"),
                  QSettings::NativeFormat);
    return run.contains(QStringLiteral("KiroTray"));
}

Expected<bool, QString> Autostart::setEnabled(bool enabled)
{
    QSettings run(QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"),
                  QSettings::NativeFormat);
    if (enabled)
        run.setValue(QStringLiteral("KiroTray"), QStringLiteral("\"%1\"").arg(QDir::toNativeSeparators(executable())));
    else
        run.remove(QStringLiteral("KiroTray"));
    run.sync();
    if (run.status() != QSettings::NoError)
        return Expected<bool, QString>::failure(QStringLiteral("cannot write the Run registry key"));
    return true;
}
#elif defined(Q_OS_MACOS)
QString Autostart::location()
{
    return QDir::homePath() + QStringLiteral("/Library/LaunchAgents/io.github.kirotray.KiroTray.plist");
}

bool Autostart::isEnabled()
{
    return QFile::exists(location());
}

Expected<bool, QString> Autostart::setEnabled(bool enabled)
{
    if (!enabled) {
        QFile::remove(location());
        return true;
    }
    QDir().mkpath(QDir::homePath() + QStringLiteral("/Library/LaunchAgents"));
    QSaveFile f(location());
    if (!f.open(QIODevice::WriteOnly))
        return Expected<bool, QString>::failure(f.errorString());
    f.write(QStringLiteral(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n<plist version=\"1.0\"><dict>"
                "<key>Label</key><string>io.github.kirotray.KiroTray</string>"
                "<key>ProgramArguments</key><array><string>%1</string></array>"
                "<key>RunAtLoad</key><true/></dict></plist>\n")
                .arg(executable().toHtmlEscaped())
                .toUtf8());
    if (!f.commit())
        return Expected<bool, QString>::failure(f.errorString());
    return true;
}
#else
QString Autostart::location()
{
    QString config = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (config.isEmpty())
        config = QDir::homePath() + QStringLiteral("/.config");
    return config + QStringLiteral("/autostart/kiro-tray.desktop");
}

bool Autostart::isEnabled()
{
    return QFile::exists(location());
}

Expected<bool, QString> Autostart::setEnabled(bool enabled)
{
    if (!enabled) {
        if (QFile::exists(location()) && !QFile::remove(location()))
            return Expected<bool, QString>::failure(QStringLiteral("cannot remove %1").arg(location()));
        return true;
    }
    QDir().mkpath(QFileInfo(location()).absolutePath());
    QSaveFile f(location());
    if (!f.open(QIODevice::WriteOnly))
        return Expected<bool, QString>::failure(QStringLiteral("cannot write %1: %2").arg(location(), f.errorString()));
    f.write(
        QStringLiteral(
            "[Desktop Entry]\nType=Application\nName=Kiro Tray\nComment=Anthropic API proxy over your Kiro accounts\n"
            "Exec=\"%1\"\nIcon=kiro-tray\nTerminal=false\nX-GNOME-Autostart-enabled=true\n")
            .arg(executable())
            .toUtf8());
    if (!f.commit())
        return Expected<bool, QString>::failure(QStringLiteral("cannot write %1: %2").arg(location(), f.errorString()));
    return true;
}
#endif
