// SPDX-License-Identifier: MIT
// OverviewPage: follows requests and account changes at most a few times a second (one refresh per batch), once a
// minute for the uptime, and not at all while hidden: a hidden page only notes that it is stale. The key stays masked
// everywhere on the page until Show; copy buttons copy the real values and say "Copied".
#include "overviewpage.h"

#include <limits>

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

#include "accounts/accountservice.h"
#include "claudecodeconfig.h"
#include "config/claudecodesettings.h"
#include "config/config.h"
#include "config/settings.h"
#include "logs/requestlog.h"
#include "logs/usagestatistics.h"
#include "proxyservice.h"
#include "requestchart.h"
#include "statuscolors.h"

namespace {
/// What a proxy without a client key accepts as a key (clients insist on sending one).
const QString kAnyKey = QStringLiteral("any-value");

QColor healthColour(OverviewPage::Health health)
{
    switch (health) {
    case OverviewPage::Health::Usable:
        return StatusColors::good();
    case OverviewPage::Health::Degraded:
        return StatusColors::warningText();
    case OverviewPage::Health::Unusable:
        break;
    }
    return StatusColors::bad();
}

/// A button whose text may briefly read "Copied": as wide as the wider of both, so the row does not jump.
QPushButton *copyButton(const QString &text, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setProperty("idleText", text);
    const int copied = button->fontMetrics().horizontalAdvance(OverviewPage::tr("Copied"));
    const int idle = button->fontMetrics().horizontalAdvance(text);
    button->setMinimumWidth(button->sizeHint().width() + qMax(0, copied - idle));
    return button;
}

/// "~/.claude/settings.json" for the user's own home, else the full path.
QString shortPath(const QString &path)
{
    const QString home = QDir::homePath();
    if (path.startsWith(home + QLatin1Char('/')))
        return QStringLiteral("~") + path.mid(home.size());
    return QDir::toNativeSeparators(path);
}
} // namespace

OverviewPage::OverviewPage(ProxyService &service, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
    , m_state(new QLabel(this))
    , m_stateDetail(new QLabel(this))
    , m_endpoint(new QLineEdit(this))
    , m_key(new QLineEdit(this))
    , m_reveal(new QPushButton(tr("&Show"), this))
    , m_copyEndpoint(copyButton(tr("Copy"), this))
    , m_copyKey(copyButton(tr("Copy"), this))
    , m_copySetup(copyButton(tr("Copy shell &lines"), this))
    , m_configure(new QPushButton(tr("&Configure Claude Code…"), this))
    , m_remove(new QPushButton(tr("&Remove from Claude Code…"), this))
    , m_claudeState(new QLabel(this))
    , m_claudeWatcher(new QFileSystemWatcher(this))
    , m_stats(new QLabel(this))
    , m_chart(new RequestChart(this))
    , m_setup(new QPlainTextEdit(this))
    , m_welcome(new QGroupBox(tr("Welcome to Kiro Tray"), this))
{
    m_welcome->setObjectName(QStringLiteral("welcome"));
    m_state->setObjectName(QStringLiteral("state"));
    m_stateDetail->setObjectName(QStringLiteral("stateDetail"));
    m_stats->setObjectName(QStringLiteral("activity"));
    m_chart->setObjectName(QStringLiteral("requestChart"));
    m_setup->setObjectName(QStringLiteral("clientSetup"));
    m_reveal->setObjectName(QStringLiteral("revealKey"));
    m_copyEndpoint->setObjectName(QStringLiteral("copyEndpoint"));
    m_copySetup->setObjectName(QStringLiteral("copySetup"));
    m_configure->setObjectName(QStringLiteral("configureClaudeCode"));
    m_remove->setObjectName(QStringLiteral("removeClaudeCode"));
    m_claudeState->setObjectName(QStringLiteral("claudeCodeState"));

    auto *welcomeText =
        new QLabel(tr("<b>1.</b> Import a Kiro account (paste the JSON Kiro exported, or use your Kiro IDE login).<br>"
                      "<b>2.</b> Point your client at the endpoint below — for Claude Code, press "
                      "<i>Configure Claude Code…</i> or paste the shell lines of the setup block."),
                   m_welcome);
    welcomeText->setWordWrap(true);
    auto *importButton = new QPushButton(tr("&Import an account…"), m_welcome);
    auto *welcomeLayout = new QHBoxLayout(m_welcome);
    welcomeLayout->addWidget(welcomeText, 1);
    welcomeLayout->addWidget(importButton, 0, Qt::AlignVCenter);
    connect(importButton, &QPushButton::clicked, this, &OverviewPage::importRequested);

    m_state->setTextFormat(Qt::RichText);
    m_stateDetail->setWordWrap(true);
    m_stateDetail->setTextFormat(Qt::PlainText);
    m_endpoint->setReadOnly(true);
    m_key->setReadOnly(true);
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(tr("none — only local clients can connect"));
    m_reveal->setCheckable(true);
    // "Show"/"Hide" without the row jumping.
    m_reveal->setMinimumWidth(
        qMax(m_reveal->sizeHint().width(),
             m_reveal->fontMetrics().horizontalAdvance(tr("Hide")) +
                 (m_reveal->sizeHint().width() - m_reveal->fontMetrics().horizontalAdvance(tr("Show")))));
    m_copyKey->setObjectName(QStringLiteral("copyKey"));
    auto *regenerate = new QPushButton(tr("&New key…"), this);
    constexpr int kFieldMaxWidth = 460;
    m_endpoint->setMaximumWidth(kFieldMaxWidth);
    m_key->setMaximumWidth(kFieldMaxWidth);

    auto *endpointRow = new QHBoxLayout;
    endpointRow->addWidget(m_endpoint, 1);
    endpointRow->addWidget(m_copyEndpoint);
    endpointRow->addStretch(0);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(m_reveal);
    keyRow->addWidget(m_copyKey);
    keyRow->addWidget(regenerate);
    keyRow->addStretch(0);
    auto *stateBox = new QVBoxLayout;
    stateBox->setSpacing(2);
    stateBox->addWidget(m_state);
    stateBox->addWidget(m_stateDetail);

    auto *proxyBox = new QGroupBox(tr("Proxy"), this);
    auto *form = new QFormLayout(proxyBox);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->addRow(tr("State:"), stateBox);
    form->addRow(tr("Endpoint:"), endpointRow);
    form->addRow(tr("API key:"), keyRow);
    form->addRow(tr("Activity:"), m_stats);
    m_stats->setWordWrap(true);
    m_stats->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *chartBox = new QGroupBox(tr("Requests, last 24 hours"), this);
    auto *chartLayout = new QVBoxLayout(chartBox);
    chartLayout->addWidget(m_chart);
    m_chart->setMaximumHeight(220);

    auto *setupBox = new QGroupBox(tr("Client setup"), this);
    m_setup->setReadOnly(true);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_setup->setFont(mono);
    m_setup->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_setup->setMinimumHeight(m_setup->fontMetrics().lineSpacing() * 6);
    m_setup->setMaximumHeight(m_setup->fontMetrics().lineSpacing() * 12);
    m_claudeState->setWordWrap(true);
    m_claudeState->setTextFormat(Qt::PlainText);
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_copySetup);
    buttonRow->addStretch(1);
    buttonRow->addWidget(m_remove);
    buttonRow->addWidget(m_configure);
    auto *setupLayout = new QVBoxLayout(setupBox);
    setupLayout->addWidget(m_setup);
    setupLayout->addLayout(buttonRow);
    setupLayout->addWidget(m_claudeState);

    // The page scrolls rather than squeezing its boxes into each other in a small window.
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(m_welcome);
    layout->addWidget(proxyBox);
    layout->addWidget(chartBox);
    layout->addWidget(setupBox);
    layout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("overviewScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    connect(m_copyEndpoint, &QPushButton::clicked, this, [this] { copy(m_copyEndpoint, m_service.endpoint()); });
    connect(m_reveal, &QPushButton::toggled, this, [this](bool on) {
        m_key->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password);
        m_reveal->setText(on ? tr("&Hide") : tr("&Show"));
        refreshSetup();
    });
    connect(m_copyKey, &QPushButton::clicked, this, [this] { copy(m_copyKey, m_service.config().apiKey); });
    connect(regenerate, &QPushButton::clicked, this, [this] {
        QMessageBox box(QMessageBox::Question, tr("New API key"),
                        tr("Clients using the current key stop working until you give them the new one."),
                        QMessageBox::Cancel, this);
        box.addButton(tr("Make a new key"), QMessageBox::AcceptRole);
        box.setDefaultButton(QMessageBox::Cancel);
        if (box.exec() == QMessageBox::Cancel)
            return;
        const auto key = m_service.regenerateApiKey();
        if (!key)
            QMessageBox::warning(this, tr("New API key"), tr("The key was not changed: %1").arg(key.error()));
        refresh();
    });
    connect(m_copySetup, &QPushButton::clicked, this,
            [this] { copy(m_copySetup, claudeCodeSnippet(m_service.endpoint(), clientKey())); });
    connect(m_configure, &QPushButton::clicked, this, &OverviewPage::configureClaudeCode);
    connect(m_remove, &QPushButton::clicked, this, &OverviewPage::removeFromClaudeCode);
    connect(&m_service.requestLog(), &RequestLog::rowAdded, this, &OverviewPage::scheduleRefresh);
    connect(&m_service.requestLog(), &RequestLog::cleared, this, &OverviewPage::scheduleRefresh);
    connect(&m_service.statistics(), &UsageStatistics::changed, this, &OverviewPage::scheduleRefresh);
    connect(&m_service.accounts(), &AccountService::accountsChanged, this, &OverviewPage::scheduleRefresh);
    connect(&m_service.accounts(), &AccountService::healthChanged, this, &OverviewPage::scheduleRefresh);
    connect(&m_service.accounts(), &AccountService::accountChanged, this, &OverviewPage::scheduleRefresh);
    connect(&m_service, &ProxyService::stateChanged, this, &OverviewPage::scheduleRefresh);
    connect(&m_service, &ProxyService::endpointChanged, this, &OverviewPage::scheduleRefresh);
    connect(&m_service.settings(), &Settings::changed, this, &OverviewPage::scheduleRefresh);
    const auto claudeChanged = [this] {
        m_claudeCheckedFor.clear();
        watchClaudeCode();
        scheduleRefresh();
    };
    connect(m_claudeWatcher, &QFileSystemWatcher::fileChanged, this, claudeChanged);
    connect(m_claudeWatcher, &QFileSystemWatcher::directoryChanged, this, claudeChanged);
    watchClaudeCode();
    auto *timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, &OverviewPage::scheduleRefresh);
    timer->start(60 * 1000);
    refresh();
}

void OverviewPage::scheduleRefresh()
{
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    m_refresh.schedule();
}

void OverviewPage::showEvent(QShowEvent *event)
{
    if (m_stale)
        refresh();
    // The file may have been edited while the page was away.
    m_claudeCheckedFor.clear();
    refreshClaudeCodeState();
    QWidget::showEvent(event);
}

QString OverviewPage::claudeCodeSnippet(const QString &endpoint, const QString &apiKey)
{
    return QStringLiteral("export ANTHROPIC_BASE_URL=%1\nexport ANTHROPIC_API_KEY=%2\n").arg(endpoint, apiKey);
}

QString OverviewPage::clientKey() const
{
    const QString key = m_service.config().apiKey;
    return key.isEmpty() ? kAnyKey : key;
}

void OverviewPage::copy(QPushButton *button, const QString &text)
{
    if (text.isEmpty())
        return; // the button is disabled then; never hand out an empty value
    QApplication::clipboard()->setText(text);
    auto *timer = button->findChild<QTimer *>(QStringLiteral("copiedTimer"));
    if (!timer) {
        timer = new QTimer(button);
        timer->setObjectName(QStringLiteral("copiedTimer"));
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, button,
                [button] { button->setText(button->property("idleText").toString()); });
    }
    button->setText(tr("Copied"));
    timer->start(kCopiedMs);
}

void OverviewPage::refresh()
{
    m_refresh.cancel();
    m_stale = false;
    refreshState();
    const QLocale locale;
    // Setting an unchanged text still lays out (and for the setup block re-lays a whole document): skip those.
    const QString endpoint = m_service.endpoint();
    if (m_endpoint->text() != endpoint)
        m_endpoint->setText(endpoint);
    const QString key = m_service.config().apiKey;
    if (m_key->text() != key)
        m_key->setText(key);
    m_reveal->setEnabled(!key.isEmpty());
    m_copyKey->setEnabled(!key.isEmpty());
    m_copyKey->setToolTip(key.isEmpty() ? tr("No key is set: any local client can connect.") : QString());
    const QString notListening = tr("The proxy is not listening, so there is no endpoint to copy.");
    for (QPushButton *button : {m_copyEndpoint, m_copySetup}) {
        button->setEnabled(!endpoint.isEmpty());
        button->setToolTip(endpoint.isEmpty() ? notListening : QString());
    }
    m_endpoint->setPlaceholderText(endpoint.isEmpty() ? tr("not listening") : QString());

    const UsageStatistics::Totals today = m_service.statistics().today();
    const UsageStatistics::Totals all = m_service.statistics().total();
    const qint64 up = m_service.uptimeSeconds();
    const QString uptime =
        up >= 3600 ? tr("%1 h %2 min").arg(up / 3600).arg((up % 3600) / 60) : tr("%1 min").arg(up / 60);
    const double rate = all.requests ? 100.0 * double(all.successes) / double(all.requests) : 100.0;
    const auto count = [](qint64 n) { return int(qMin<qint64>(n, std::numeric_limits<int>::max())); };
    m_stats->setText(
        tr("Today: %Ln request(s) · tokens in %1, out %2", nullptr, count(today.requests))
            .arg(locale.toString(today.inputTokens), locale.toString(today.outputTokens)) +
        QLatin1Char('\n') +
        tr("All time: %Ln request(s), %1 % successful · %2 tokens · up %3", nullptr, count(all.requests))
            .arg(locale.toString(rate, 'f', 1), locale.toString(all.inputTokens + all.outputTokens), uptime));
    m_chart->setHours(m_service.requestLog().hourlyOutcomes(), RequestLog::hourStart(QDateTime::currentDateTime()));
    refreshSetup();
    m_welcome->setVisible(m_service.accounts().size() == 0);
    if (isVisible())
        refreshClaudeCodeState();
    emit refreshed();
}

void OverviewPage::refreshState()
{
    const AccountService &accounts = m_service.accounts();
    const int total = accounts.size();
    const int usable = accounts.availableCount();
    QString line;
    QString detail;
    switch (m_service.state()) {
    case ProxyService::State::Stopped:
    case ProxyService::State::Failed:
        m_health = Health::Unusable;
        detail = tr("Clients cannot connect: the proxy is not listening.");
        break;
    case ProxyService::State::Paused:
        m_health = Health::Degraded;
        detail = tr("Requests are refused until you resume the proxy.");
        break;
    case ProxyService::State::Running:
        if (total == 0) {
            m_health = Health::Unusable;
            line = tr("no accounts yet");
            detail = tr("Import a Kiro account to serve requests.");
        } else if (usable == 0) {
            m_health = Health::Unusable;
            line = tr("none of %n account(s) usable", nullptr, total);
            detail = accounts.unavailableSummary();
        } else if (usable < total) {
            m_health = Health::Degraded;
            line = tr("%1 of %n account(s) usable", nullptr, total).arg(usable);
            detail = accounts.unavailableSummary();
        } else {
            m_health = Health::Usable;
            line = tr("%n account(s) usable", nullptr, total);
        }
        break;
    }
    const QString colour = healthColour(m_health).name();
    QString text = QStringLiteral("<span style=\"color:%1\">&#9679;</span> <b style=\"color:%1\">%2</b>")
                       .arg(colour, m_service.stateText().toHtmlEscaped());
    if (!line.isEmpty())
        text += QStringLiteral(" · ") + line.toHtmlEscaped();
    if (m_state->text() != text)
        m_state->setText(text);
    m_state->setProperty("health", int(m_health));
    m_stateDetail->setText(detail);
    m_stateDetail->setVisible(!detail.isEmpty());
}

void OverviewPage::refreshSetup()
{
    const QString endpoint = m_service.endpoint();
    QString setup;
    if (endpoint.isEmpty()) {
        setup = tr("# The proxy is not listening: there is no endpoint to give to clients yet.\n");
    } else {
        // The key is shown masked until Show, as in the key field; the copy buttons copy the real one.
        const QString key = m_service.config().apiKey.isEmpty() || m_reveal->isChecked()
                                ? clientKey()
                                : ClaudeCodeSettings::masked(m_service.config().apiKey);
        setup = tr("# Claude Code (shell)\n") + claudeCodeSnippet(endpoint, key) +
                tr("\n# Claude Code (~/.claude/settings.json)\n") +
                QStringLiteral("{\"env\": {\"ANTHROPIC_BASE_URL\": \"%1\", \"ANTHROPIC_API_KEY\": \"%2\"}}\n")
                    .arg(endpoint, key) +
                tr("\n# Anthropic SDK (Python)\n") +
                QStringLiteral("client = anthropic.Anthropic(base_url=\"%1\", api_key=\"%2\")\n").arg(endpoint, key);
    }
    if (setup != m_setupText) {
        m_setupText = setup;
        m_setup->setPlainText(setup);
    }
}

void OverviewPage::watchClaudeCode()
{
    const QString path = ClaudeCodeConfig::settingsPath();
    const QString dir = QFileInfo(path).absolutePath();
    if (!m_claudeWatcher->directories().contains(dir) && QFileInfo(dir).isDir())
        m_claudeWatcher->addPath(dir);
    if (!m_claudeWatcher->files().contains(path) && QFileInfo::exists(path))
        m_claudeWatcher->addPath(path);
}

void OverviewPage::refreshClaudeCodeState()
{
    const QString endpoint = m_service.endpoint();
    const QString checking = endpoint + QLatin1Char('\n') + clientKey();
    if (checking == m_claudeCheckedFor)
        return;
    m_claudeCheckedFor = checking;
    const QString path = ClaudeCodeConfig::settingsPath();
    const QString shown = shortPath(path);
    if (endpoint.isEmpty()) {
        m_configure->setEnabled(false);
        m_configure->setToolTip(tr("The proxy is not listening, so there is no endpoint to write."));
        m_remove->setEnabled(false);
        m_claudeState->clear();
        m_claudeState->hide();
        return;
    }
    m_configure->setEnabled(true);
    m_configure->setToolTip(tr("Writes the endpoint and the key into %1, after showing the change.").arg(shown));
    const auto removal = ClaudeCodeSettings::readAndPlanRemove(path, endpoint, clientKey());
    m_remove->setEnabled(removal && !removal->changes.isEmpty());
    m_remove->setToolTip(tr("Takes this proxy's endpoint and key out of %1 again.").arg(shown));
    QString state;
    if (!removal)
        state = tr("%1 cannot be changed: %2").arg(shown, removal.error());
    else if (ClaudeCodeSettings::isConfigured(path, endpoint, clientKey()))
        state = tr("Claude Code uses this proxy (%1).").arg(shown);
    else
        state = tr("Claude Code is not set up to use this proxy yet.");
    if (removal && !removal->changes.isEmpty())
        state += portNote();
    m_claudeState->setText(state);
    m_claudeState->show();
}

QString OverviewPage::portNote() const
{
    if (m_service.config().port != 0)
        return {};
    return QLatin1Char(' ') + tr("The port is chosen anew at each start: set a fixed port in Settings so that Claude "
                                 "Code still finds the proxy after a restart.");
}

void OverviewPage::showClaudeCodeError(const QString &title, const QString &message)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("claudeCodeError"));
    box->setTextFormat(Qt::PlainText); // a parse error may quote the file
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void OverviewPage::configureClaudeCode()
{
    const QString endpoint = m_service.endpoint();
    if (endpoint.isEmpty())
        return;
    const QString path = ClaudeCodeConfig::settingsPath();
    const auto plan = ClaudeCodeSettings::readAndPlanConfigure(path, endpoint, clientKey());
    if (!plan) {
        showClaudeCodeError(tr("Configure Claude Code"),
                            tr("%1 was not changed.\n\n%2").arg(QDir::toNativeSeparators(path), plan.error()));
        return;
    }
    if (plan->changes.isEmpty()) {
        m_claudeState->setText(tr("Claude Code already uses this proxy (%1).").arg(shortPath(path)));
        m_claudeState->show();
        return;
    }
    auto *dialog = new ClaudeCodeConfig(ClaudeCodeConfig::Action::Configure, path, plan.value(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ClaudeCodeConfig::written, this, [this, path](const QString &backup) {
        m_claudeCheckedFor.clear();
        refreshClaudeCodeState();
        const QString done =
            backup.isEmpty()
                ? tr("Claude Code now uses this proxy (%1). Restart Claude Code to pick it up.").arg(shortPath(path))
                : tr("Claude Code now uses this proxy (%1; the previous file is kept as %2). Restart Claude Code "
                     "to pick it up.")
                      .arg(shortPath(path), QFileInfo(backup).fileName());
        m_claudeState->setText(done + portNote());
    });
    connect(dialog, &ClaudeCodeConfig::failed, this,
            [this](const QString &error) { showClaudeCodeError(tr("Configure Claude Code"), error); });
    dialog->open();
}

void OverviewPage::removeFromClaudeCode()
{
    const QString path = ClaudeCodeConfig::settingsPath();
    const auto plan = ClaudeCodeSettings::readAndPlanRemove(path, m_service.endpoint(), clientKey());
    if (!plan) {
        showClaudeCodeError(tr("Remove from Claude Code"),
                            tr("%1 was not changed.\n\n%2").arg(QDir::toNativeSeparators(path), plan.error()));
        return;
    }
    if (plan->changes.isEmpty()) {
        m_claudeCheckedFor.clear();
        refreshClaudeCodeState();
        return;
    }
    auto *dialog = new ClaudeCodeConfig(ClaudeCodeConfig::Action::Remove, path, plan.value(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ClaudeCodeConfig::written, this, [this, path] {
        m_claudeCheckedFor.clear();
        refreshClaudeCodeState();
        m_claudeState->setText(tr("This proxy was taken out of %1.").arg(shortPath(path)));
    });
    connect(dialog, &ClaudeCodeConfig::failed, this,
            [this](const QString &error) { showClaudeCodeError(tr("Remove from Claude Code"), error); });
    dialog->open();
}
