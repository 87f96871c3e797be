// SPDX-License-Identifier: MIT
// OverviewPage: follows requests and account changes at most a few times a second (one refresh per batch), once a
// minute for the uptime, and not at all while hidden: a hidden page only notes that it is stale.
#include "overviewpage.h"

#include <QApplication>
#include <QClipboard>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include "accounts/accountservice.h"
#include "config/config.h"
#include "config/settings.h"
#include "logs/requestlog.h"
#include "logs/usagestatistics.h"
#include "proxyservice.h"
#include "requestchart.h"

OverviewPage::OverviewPage(ProxyService &service, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
    , m_state(new QLabel(this))
    , m_endpoint(new QLineEdit(this))
    , m_key(new QLineEdit(this))
    , m_stats(new QLabel(this))
    , m_chart(new RequestChart(this))
    , m_setup(new QPlainTextEdit(this))
    , m_welcome(new QGroupBox(tr("Welcome to Kiro Tray"), this))
{
    m_welcome->setObjectName(QStringLiteral("welcome"));
    m_stats->setObjectName(QStringLiteral("activity"));
    m_chart->setObjectName(QStringLiteral("requestChart"));
    m_setup->setObjectName(QStringLiteral("clientSetup"));
    auto *welcomeText =
        new QLabel(tr("<b>1.</b> Import a Kiro account (paste the JSON Kiro exported, or use your Kiro IDE login).<br>"
                      "<b>2.</b> Point your client at the endpoint below — for Claude Code, paste the two lines of "
                      "the setup block into your shell."),
                   m_welcome);
    welcomeText->setWordWrap(true);
    auto *importButton = new QPushButton(tr("Import an account…"), m_welcome);
    auto *welcomeLayout = new QHBoxLayout(m_welcome);
    welcomeLayout->addWidget(welcomeText, 1);
    welcomeLayout->addWidget(importButton);
    connect(importButton, &QPushButton::clicked, this, &OverviewPage::importRequested);

    m_endpoint->setReadOnly(true);
    m_key->setReadOnly(true);
    m_key->setEchoMode(QLineEdit::Password);
    auto *copyEndpoint = new QPushButton(tr("Copy"), this);
    auto *reveal = new QPushButton(tr("Show"), this);
    reveal->setCheckable(true);
    auto *copyKey = new QPushButton(tr("Copy"), this);
    auto *regenerate = new QPushButton(tr("New key…"), this);

    auto *endpointRow = new QHBoxLayout;
    endpointRow->addWidget(m_endpoint, 1);
    endpointRow->addWidget(copyEndpoint);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(reveal);
    keyRow->addWidget(copyKey);
    keyRow->addWidget(regenerate);

    auto *proxyBox = new QGroupBox(tr("Proxy"), this);
    auto *form = new QFormLayout(proxyBox);
    form->addRow(tr("State:"), m_state);
    form->addRow(tr("Endpoint:"), endpointRow);
    form->addRow(tr("API key:"), keyRow);
    form->addRow(tr("Activity:"), m_stats);
    m_stats->setWordWrap(true);

    auto *chartBox = new QGroupBox(tr("Requests, last 24 hours"), this);
    auto *chartLayout = new QVBoxLayout(chartBox);
    chartLayout->addWidget(m_chart);

    auto *setupBox = new QGroupBox(tr("Client setup"), this);
    m_setup->setReadOnly(true);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_setup->setFont(mono);
    m_setup->setMinimumHeight(110);
    auto *copySetup = new QPushButton(tr("Copy Claude Code settings"), setupBox);
    auto *setupLayout = new QVBoxLayout(setupBox);
    setupLayout->addWidget(m_setup);
    setupLayout->addWidget(copySetup, 0, Qt::AlignRight);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_welcome);
    layout->addWidget(proxyBox);
    layout->addWidget(chartBox, 1);
    layout->addWidget(setupBox);

    connect(copyEndpoint, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_service.endpoint()); });
    connect(reveal, &QPushButton::toggled, this, [this, reveal](bool on) {
        m_key->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password);
        reveal->setText(on ? tr("Hide") : tr("Show"));
    });
    connect(copyKey, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_service.config().apiKey); });
    connect(regenerate, &QPushButton::clicked, this, [this] {
        if (QMessageBox::question(
                this, tr("New API key"),
                tr("Clients using the current key stop working until you give them the new one. Continue?")) ==
            QMessageBox::Yes) {
            const auto key = m_service.regenerateApiKey();
            if (!key)
                QMessageBox::warning(this, tr("New API key"), tr("The key was not changed: %1").arg(key.error()));
            refresh();
        }
    });
    connect(copySetup, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(claudeCodeSnippet(m_service.endpoint(), m_service.config().apiKey));
    });
    connect(&m_service.requestLog(), &RequestLog::rowAdded, this, &OverviewPage::scheduleRefresh);
    connect(&m_service.requestLog(), &RequestLog::cleared, this, &OverviewPage::scheduleRefresh);
    connect(&m_service.statistics(), &UsageStatistics::changed, this, &OverviewPage::scheduleRefresh);
    connect(&m_service.accounts(), &AccountService::accountsChanged, this, &OverviewPage::scheduleRefresh);
    connect(&m_service.accounts(), &AccountService::healthChanged, this, &OverviewPage::scheduleRefresh);
    connect(&m_service.accounts(), &AccountService::accountChanged, this, &OverviewPage::scheduleRefresh);
    connect(&m_service, &ProxyService::stateChanged, this, &OverviewPage::scheduleRefresh);
    connect(&m_service, &ProxyService::endpointChanged, this, &OverviewPage::scheduleRefresh);
    connect(&m_service.settings(), &Settings::changed, this, &OverviewPage::scheduleRefresh);
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
    QWidget::showEvent(event);
}

QString OverviewPage::claudeCodeSnippet(const QString &endpoint, const QString &apiKey)
{
    return QStringLiteral("export ANTHROPIC_BASE_URL=%1\nexport ANTHROPIC_API_KEY=%2\n").arg(endpoint, apiKey);
}

void OverviewPage::refresh()
{
    m_refresh.cancel();
    m_stale = false;
    const QLocale locale;
    m_state->setText(QStringLiteral("%1 · %2").arg(
        m_service.stateText(), tr("%n of %1 account(s) usable", nullptr, m_service.accounts().availableCount())
                                   .arg(m_service.accounts().size())));
    // Setting an unchanged text still lays out (and for the setup block re-lays a whole document): skip those.
    const QString keyText =
        m_service.config().apiKey.isEmpty() ? tr("(none — only local clients can connect)") : m_service.config().apiKey;
    if (m_endpoint->text() != m_service.endpoint())
        m_endpoint->setText(m_service.endpoint());
    if (m_key->text() != keyText)
        m_key->setText(keyText);
    const UsageStatistics::Totals today = m_service.statistics().today();
    const UsageStatistics::Totals all = m_service.statistics().total();
    const qint64 up = m_service.uptimeSeconds();
    const QString uptime =
        up >= 3600 ? tr("%1 h %2 min").arg(up / 3600).arg((up % 3600) / 60) : tr("%1 min").arg(up / 60);
    const double rate = all.requests ? 100.0 * double(all.successes) / double(all.requests) : 100.0;
    m_stats->setText(tr("Today: %1 requests, %2 tokens in, %3 tokens out · Total: %4 requests, %5 tokens, %6 % "
                        "successful · Up %7")
                         .arg(locale.toString(today.requests), locale.toString(today.inputTokens),
                              locale.toString(today.outputTokens), locale.toString(all.requests),
                              locale.toString(all.inputTokens + all.outputTokens), locale.toString(rate, 'f', 1),
                              uptime));
    m_chart->setCounts(m_service.requestLog().hourly());
    const QString endpoint = m_service.endpoint();
    const QString key = m_service.config().apiKey.isEmpty() ? QStringLiteral("any-value") : m_service.config().apiKey;
    const QString setup =
        tr("# Claude Code (shell)\n") + claudeCodeSnippet(endpoint, key) +
        tr("\n# Claude Code (~/.claude/settings.json)\n") +
        QStringLiteral("{\"env\": {\"ANTHROPIC_BASE_URL\": \"%1\", \"ANTHROPIC_API_KEY\": \"%2\"}}\n")
            .arg(endpoint, key) +
        tr("\n# Anthropic SDK (Python)\n") +
        QStringLiteral("client = anthropic.Anthropic(base_url=\"%1\", api_key=\"%2\")\n").arg(endpoint, key);
    if (setup != m_setupText) {
        m_setupText = setup;
        m_setup->setPlainText(setup);
    }
    m_welcome->setVisible(m_service.accounts().size() == 0);
    emit refreshed();
}
