// SPDX-License-Identifier: MIT
// KeychainGate: where the account secrets go when the choice is "auto" — waits for the system keychain as long as
// the user needs to answer its unlock prompt, and asks before anything else happens.
#pragma once

#include <functional>

#include <QObject>
#include <QPointer>
#include <QString>

class QDialog;
class QMessageBox;
class QWidget;

/// Probes the keychain; while no answer has come, a non-blocking window says what is being waited for (no fixed
/// timeout: an unlock prompt may stay open for minutes). A failed probe asks: Retry, use a 0600 file, or continue
/// without the keychain. Each way out ends in resolved().
class KeychainGate final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeychainGate)
public:
    using Answer = std::function<void(bool ok, const QString &error)>;
    /// Asks the keychain; calls `answer` once, whenever the keychain replies. `owner` outlives the probe.
    using Probe = std::function<void(QObject *owner, Answer answer)>;
    enum class Outcome {
        Keychain,        ///< the keychain answered: secrets go there
        File,            ///< the user chose secrets.json (mode 0600)
        WithoutKeychain, ///< the user chose neither: the app runs, the proxy waits for the keychain
        Quit             ///< the user chose to quit
    };
    Q_ENUM(Outcome)

    /// `secretsPath` is the file offered instead (named in the question).
    KeychainGate(Probe probe, const QString &secretsPath, QWidget *parentWindow = nullptr, QObject *parent = nullptr);
    ~KeychainGate() override;

    /// The real probe: a KeychainSecretStore writes, reads back and deletes an entry.
    static Probe systemProbe();

    /// Probes (again); the waiting window appears if the answer takes longer than a blink.
    void start();
    bool isPending() const { return m_pending; }
    /// Why the last probe failed.
    QString lastError() const { return m_lastError; }
    /// The "Waiting for the system keychain…" window while it is shown, else null.
    QDialog *waitingWindow() const;
    /// The question after a failed probe while it is shown, else null.
    QMessageBox *question() const;

signals:
    void resolved(KeychainGate::Outcome outcome);

private:
    void answered(int attempt, bool ok, const QString &error);
    void showWaiting(int attempt);
    void ask();
    void finish(Outcome outcome);
    void closeWindows();

    Probe m_probe;
    QString m_secretsPath;
    QPointer<QWidget> m_parentWindow;
    QPointer<QDialog> m_waiting;
    QPointer<QMessageBox> m_question;
    int m_attempt = 0; ///< answers of earlier attempts (abandoned by a choice) are ignored
    bool m_pending = false;
    QString m_lastError;
};
