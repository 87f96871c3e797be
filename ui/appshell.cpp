// SPDX-License-Identifier: MIT
// AppShell: every way out ends in QCoreApplication::exit() after a bounded stop — never QApplication::quit(), which
// asks each window to close first (a window that hides to the tray would veto it).
#include "appshell.h"

#include <QApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QTranslator>

#include "config/config.h"
#include "config/settings.h"
#include "mainwindow.h"
#include "proxyservice.h"
#include "singleinstance.h"
#include "translations.h"

Q_LOGGING_CATEGORY(lcShell, "kiro.ui.shell")

AppShell::AppShell(ProxyService &service, MainWindow &window, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_window(window)
    , m_launcher([](const QString &program, const QStringList &arguments) {
        return QProcess::startDetached(program, arguments);
    })
    , m_arguments(QCoreApplication::arguments().mid(1))
{
    m_gate = new KeychainGate(KeychainGate::systemProbe(),
                              QDir(service.config().dataDir).filePath(QStringLiteral("secrets.json")), &window, this);
    connect(m_gate, &KeychainGate::resolved, this, &AppShell::keychainResolved);
    connect(&m_window, &MainWindow::quitRequested, this, &AppShell::quit);
    connect(&m_window, &MainWindow::startProxyRequested, this, &AppShell::startProxy);
    connect(&m_window, &MainWindow::keychainRetryRequested, m_gate, &KeychainGate::start);
    connect(&m_window, &MainWindow::keychainFileRequested, this,
            [this] { keychainResolved(KeychainGate::Outcome::File); });
    connect(&m_service.settings(), &Settings::changed, this, [this](const QString &key) {
        if (key == QLatin1String("language"))
            languageChanged();
    });
}

AppShell::~AppShell() = default;

void AppShell::setKeychainProbe(KeychainGate::Probe probe)
{
    delete m_gate;
    m_gate = new KeychainGate(
        std::move(probe), QDir(m_service.config().dataDir).filePath(QStringLiteral("secrets.json")), &m_window, this);
    connect(m_gate, &KeychainGate::resolved, this, &AppShell::keychainResolved);
    connect(&m_window, &MainWindow::keychainRetryRequested, m_gate, &KeychainGate::start);
}

void AppShell::setSingleInstance(SingleInstance *instance)
{
    m_instance = instance;
}

void AppShell::setLauncher(Launcher launcher)
{
    m_launcher = std::move(launcher);
}

void AppShell::setArguments(const QStringList &arguments)
{
    m_arguments = arguments;
}

void AppShell::launch()
{
    // Secrets belong in the OS keychain; "auto" asks it first and the user decides when it does not answer.
    if (m_service.config().secretStore == QLatin1String("auto")) {
        m_gate->start();
        return;
    }
    startService();
    m_launched = true;
    emit launched();
}

void AppShell::keychainResolved(KeychainGate::Outcome outcome)
{
    switch (outcome) {
    case KeychainGate::Outcome::Quit:
        quit();
        return;
    case KeychainGate::Outcome::WithoutKeychain:
        m_keychainUnavailable = true;
        m_window.setKeychainProblem(m_gate->lastError());
        if (m_launched)
            m_window.raiseWindow();
        break;
    case KeychainGate::Outcome::File:
        useSecretsFile();
        [[fallthrough]];
    case KeychainGate::Outcome::Keychain:
        m_keychainUnavailable = false;
        m_window.setKeychainProblem(QString());
        startService();
        break;
    }
    if (!m_launched) {
        m_launched = true;
        emit launched();
    }
}

void AppShell::useSecretsFile()
{
    Config next = m_service.config();
    next.secretStore = QStringLiteral("file");
    const auto applied = m_service.applyConfig(next);
    if (!applied) {
        // The choice holds for this run even when config.json cannot record it; the user hears why it may not last.
        qCWarning(lcShell).noquote() << "secret storage choice not saved:" << applied.error();
        QMessageBox::warning(&m_window, tr("Secrets file"),
                             tr("Kiro Tray keeps the secrets in a file for now, but could not save this choice (%1).")
                                 .arg(applied.error()));
    }
}

void AppShell::startService()
{
    const auto started = m_service.start();
    if (!started) {
        // The window's banner says why and offers Restart; the window must be seen to say it.
        qCWarning(lcShell).noquote() << "proxy not started:" << started.error();
        if (m_launched)
            m_window.raiseWindow();
    }
}

void AppShell::startProxy()
{
    if (m_keychainUnavailable) {
        m_gate->start();
        return;
    }
    startService();
}

void AppShell::quit()
{
    stopAndExit(nullptr);
}

void AppShell::stopAndExit(std::function<void()> afterStop)
{
    if (m_quitting)
        return;
    m_quitting = true;
    m_window.prepareToQuit();
    // Everything goes away at once (the stop may take a moment); modal dialogs leave their loops when hidden.
    for (QWidget *widget : QApplication::topLevelWidgets())
        widget->hide();
    m_service.stop(kQuitGraceMs, [this, afterStop] {
        if (afterStop)
            afterStop();
        m_finished = true;
        emit finished();
        // exit(), not quit(): every event loop ends, nested ones (a dialog's) included, and no window is asked.
        QCoreApplication::exit(0);
    });
}

void AppShell::relaunch()
{
    const QStringList arguments = relaunchArguments(m_arguments, MainWindow::pageName(m_window.currentPage()));
    stopAndExit([this, arguments] {
        if (m_instance)
            m_instance->release();
        if (!m_launcher(QCoreApplication::applicationFilePath(), arguments)) {
            qCWarning(lcShell) << "could not start again";
            QMessageBox::critical(nullptr, tr("Kiro Tray"),
                                  tr("Kiro Tray stopped to restart but could not start again. Start it from the "
                                     "applications menu."));
        }
    });
}

QStringList AppShell::relaunchArguments(const QStringList &arguments, const QString &page)
{
    QStringList out;
    for (int i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == QLatin1String("--page") || arg == QLatin1String("-page")) {
            ++i; // and its value
            continue;
        }
        if (arg.startsWith(QLatin1String("--page=")) || arg == QLatin1String("--hidden"))
            continue;
        out << arg;
    }
    out << QStringLiteral("--page") << page;
    return out;
}

QMessageBox *AppShell::languageQuestion() const
{
    return m_languageQuestion && m_languageQuestion->isVisible() ? m_languageQuestion.data() : nullptr;
}

void AppShell::languageChanged()
{
    installTranslations(m_service.config().language);
    if (m_languageQuestion)
        return;
    // Pages made so far keep the words they were built with: a restart shows every one in the new language.
    auto *box = new QMessageBox(QMessageBox::Question, tr("Language"),
                                tr("Kiro Tray shows the new language everywhere after a restart."),
                                QMessageBox::NoButton, &m_window);
    box->setObjectName(QStringLiteral("languageQuestion"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("Restart now? The proxy stops for a moment; clients retry."));
    QPushButton *now = box->addButton(tr("&Restart now"), QMessageBox::AcceptRole);
    now->setObjectName(QStringLiteral("restartNowButton"));
    QPushButton *later = box->addButton(tr("&Later"), QMessageBox::RejectRole);
    box->setDefaultButton(now);
    box->setEscapeButton(later);
    connect(box, &QMessageBox::buttonClicked, this, [this, now](QAbstractButton *clicked) {
        if (clicked == now)
            QMetaObject::invokeMethod(this, &AppShell::relaunch, Qt::QueuedConnection);
    });
    m_languageQuestion = box;
    box->open();
}

void AppShell::installTranslations(const QString &language)
{
    static QTranslator ours;
    static QTranslator qt;
    QCoreApplication::removeTranslator(&ours);
    QCoreApplication::removeTranslator(&qt);
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    // Numbers and dates follow the chosen language too, wherever they are formatted with QLocale().
    QLocale::setDefault(locale);
    if (Translations::load(ours, locale)) // ours, else the English plural forms
        QCoreApplication::installTranslator(&ours);
    if (qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&qt);
}
