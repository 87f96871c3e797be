// SPDX-License-Identifier: MIT
// AppShell: the desktop app's lifetime around the proxy — where secrets go at the first start, starting and
// restarting the proxy, quitting (always), and the relaunch a language change offers.
#pragma once

#include <functional>

#include <QObject>
#include <QPointer>
#include <QStringList>

#include "keychaingate.h"

class MainWindow;
class ProxyService;
class SingleInstance;
class QMessageBox;

class AppShell final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppShell)
public:
    /// Starts a program detached; false when it could not be started.
    using Launcher = std::function<bool(const QString &program, const QStringList &arguments)>;
    /// How long open answers may run on when the user quits.
    static constexpr int kQuitGraceMs = 5000;

    AppShell(ProxyService &service, MainWindow &window, QObject *parent = nullptr);
    ~AppShell() override;

    /// Tests answer for the keychain; the default asks the system one.
    void setKeychainProbe(KeychainGate::Probe probe);
    /// Released before a relaunch, so the new process can claim the data directory.
    void setSingleInstance(SingleInstance *instance);
    /// Tests replace QProcess::startDetached.
    void setLauncher(Launcher launcher);
    /// The command-line arguments a relaunch repeats (default: this process's own).
    void setArguments(const QStringList &arguments);

    /// Decides where the secrets go (asking only when the keychain does not answer), then starts the proxy;
    /// launched() follows, or finished() when the user chose to quit.
    void launch();
    bool hasLaunched() const { return m_launched; }
    /// Starts the proxy again after a stop or failure; while the keychain is unavailable, asks it again first.
    void startProxy();
    /// Stops the proxy (open answers get kQuitGraceMs) and ends the event loop, whatever window or dialog is open.
    void quit();
    /// quit(), then starts this program again with the same arguments, on the page shown now.
    void relaunch();
    bool isQuitting() const { return m_quitting; }
    bool hasFinished() const { return m_finished; }
    KeychainGate *keychainGate() const { return m_gate; }
    /// The question after a language change while it is shown, else null.
    QMessageBox *languageQuestion() const;

    /// Loads the translations of `language` (empty: the system's) and makes it the default locale for numbers
    /// and dates.
    static void installTranslations(const QString &language);
    /// `arguments` without the options a relaunch replaces (--page, --hidden), plus --page `page`.
    static QStringList relaunchArguments(const QStringList &arguments, const QString &page);

signals:
    /// The secret storage is decided and the proxy was started (or the window says why not).
    void launched();
    /// The proxy is stopped and the event loop is told to end.
    void finished();

private:
    void keychainResolved(KeychainGate::Outcome outcome);
    void useSecretsFile();
    void startService();
    void languageChanged();
    void stopAndExit(std::function<void()> afterStop);

    ProxyService &m_service;
    MainWindow &m_window;
    KeychainGate *m_gate = nullptr;
    QPointer<SingleInstance> m_instance;
    Launcher m_launcher;
    QStringList m_arguments;
    QPointer<QMessageBox> m_languageQuestion;
    bool m_keychainUnavailable = false;
    bool m_launched = false;
    bool m_quitting = false;
    bool m_finished = false;
};
