// SPDX-License-Identifier: MIT
// SettingsPage: Config is the single owner of keys and defaults; the page only edits a copy.
#include "settingspage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include "accounts/selectionstrategy.h"
#include "autostart.h"
#include "config/config.h"
#include "proxyservice.h"

SettingsPage::SettingsPage(ProxyService &service, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_apiKey(new QLineEdit(this))
    , m_region(new QLineEdit(this))
    , m_apiEndpoint(new QLineEdit(this))
    , m_socialEndpoint(new QLineEdit(this))
    , m_idcEndpoint(new QLineEdit(this))
    , m_proxyUrl(new QLineEdit(this))
    , m_proxyUser(new QLineEdit(this))
    , m_proxyPassword(new QLineEdit(this))
    , m_strategy(new QComboBox(this))
    , m_sticky(new QCheckBox(tr("Keep a Claude Code session on one account while it is healthy"), this))
    , m_logSize(new QSpinBox(this))
    , m_secretStore(new QComboBox(this))
    , m_autostart(new QCheckBox(tr("Start Kiro Tray when I log in"), this))
    , m_language(new QComboBox(this))
    , m_message(new QLabel(this))
{
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any free port"));
    m_logSize->setRange(10, 1000000);
    m_proxyPassword->setEchoMode(QLineEdit::Password);
    m_proxyUrl->setPlaceholderText(tr("http://host:port, socks5://host:port or direct"));
    for (SelectionStrategy::Kind k : SelectionStrategy::all())
        m_strategy->addItem(SelectionStrategy::name(k), SelectionStrategy::name(k));
    m_secretStore->addItem(tr("Automatic (OS keychain)"), QStringLiteral("auto"));
    m_secretStore->addItem(tr("OS keychain only"), QStringLiteral("keychain"));
    m_secretStore->addItem(tr("File secrets.json (mode 0600)"), QStringLiteral("file"));
    m_language->addItem(tr("System"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    m_message->setWordWrap(true);

    auto *server = new QGroupBox(tr("Server"), this);
    auto *serverForm = new QFormLayout(server);
    serverForm->addRow(tr("Listen on:"), m_host);
    serverForm->addRow(tr("Port:"), m_port);
    serverForm->addRow(tr("API key:"), m_apiKey);
    auto *kiro = new QGroupBox(tr("Kiro"), this);
    auto *kiroForm = new QFormLayout(kiro);
    kiroForm->addRow(tr("Region:"), m_region);
    kiroForm->addRow(tr("Chat endpoint:"), m_apiEndpoint);
    kiroForm->addRow(tr("Social sign-in endpoint:"), m_socialEndpoint);
    kiroForm->addRow(tr("IdC sign-in endpoint:"), m_idcEndpoint);
    kiroForm->addRow(tr("Outbound proxy:"), m_proxyUrl);
    kiroForm->addRow(tr("Proxy user:"), m_proxyUser);
    kiroForm->addRow(tr("Proxy password:"), m_proxyPassword);
    auto *pool = new QGroupBox(tr("Accounts"), this);
    auto *poolForm = new QFormLayout(pool);
    poolForm->addRow(tr("Strategy:"), m_strategy);
    poolForm->addRow(QString(), m_sticky);
    poolForm->addRow(tr("Secret storage:"), m_secretStore);
    auto *desktop = new QGroupBox(tr("Desktop"), this);
    auto *desktopForm = new QFormLayout(desktop);
    desktopForm->addRow(tr("Request log size:"), m_logSize);
    desktopForm->addRow(tr("Language:"), m_language);
    desktopForm->addRow(QString(), m_autostart);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Apply | QDialogButtonBox::Reset, this);
    buttons->button(QDialogButtonBox::Reset)->setText(tr("Revert"));
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsPage::apply);
    connect(buttons->button(QDialogButtonBox::Reset), &QPushButton::clicked, this, &SettingsPage::revert);

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->addWidget(server);
    contentLayout->addWidget(kiro);
    contentLayout->addWidget(pool);
    contentLayout->addWidget(desktop);
    contentLayout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    revert();
}

void SettingsPage::revert()
{
    const Config &c = m_service.config();
    m_host->setText(c.host);
    m_port->setValue(c.port);
    m_apiKey->setText(c.apiKey);
    m_region->setText(c.region);
    m_apiEndpoint->setText(c.apiEndpoint);
    m_socialEndpoint->setText(c.socialAuthEndpoint);
    m_idcEndpoint->setText(c.idcAuthEndpoint);
    m_proxyUrl->setText(c.proxyUrl);
    m_proxyUser->setText(c.proxyUsername);
    m_proxyPassword->setText(c.proxyPassword);
    m_strategy->setCurrentIndex(m_strategy->findData(c.strategy));
    m_sticky->setChecked(c.sessionStickiness);
    m_logSize->setValue(c.logSize);
    m_secretStore->setCurrentIndex(qMax(0, m_secretStore->findData(c.secretStore)));
    m_autostart->setChecked(Autostart::isEnabled());
    m_language->setCurrentIndex(qMax(0, m_language->findData(c.language)));
    m_message->clear();
}

Expected<Config, QString> SettingsPage::collect() const
{
    Config c = m_service.config();
    c.host = m_host->text().trimmed();
    c.port = m_port->value();
    c.apiKey = m_apiKey->text().trimmed();
    c.region = m_region->text().trimmed();
    c.apiEndpoint = m_apiEndpoint->text().trimmed();
    c.socialAuthEndpoint = m_socialEndpoint->text().trimmed();
    c.idcAuthEndpoint = m_idcEndpoint->text().trimmed();
    c.proxyUrl = m_proxyUrl->text().trimmed();
    c.proxyUsername = m_proxyUser->text();
    c.proxyPassword = m_proxyPassword->text();
    c.strategy = m_strategy->currentData().toString();
    c.sessionStickiness = m_sticky->isChecked();
    c.logSize = m_logSize->value();
    c.secretStore = m_secretStore->currentData().toString();
    c.language = m_language->currentData().toString();
    c.startAtLogin = m_autostart->isChecked();
    if (c.region.isEmpty())
        return Expected<Config, QString>::failure(tr("The region must not be empty."));
    QHostAddress address;
    const bool loopback = c.host == QLatin1String("localhost") || (address.setAddress(c.host) && address.isLoopback());
    if (!loopback && c.apiKey.isEmpty())
        return Expected<Config, QString>::failure(
            tr("Listening on %1 exposes your Kiro quota to the network: set an API key first.").arg(c.host));
    const auto valid = c.validate();
    if (!valid)
        return Expected<Config, QString>::failure(valid.error());
    return c;
}

bool SettingsPage::apply()
{
    const auto collected = collect();
    if (!collected) {
        m_message->setText(
            QStringLiteral("<span style='color:#d03a3a'>%1</span>").arg(collected.error().toHtmlEscaped()));
        return false;
    }
    const QString oldLanguage = m_service.config().language;
    const auto applied = m_service.applyConfig(collected.value());
    if (!applied) {
        // Keep the user's input so they can fix it.
        m_message->setText(QStringLiteral("<span style='color:#d03a3a'>%1</span>")
                               .arg(tr("Not applied: %1").arg(applied.error()).toHtmlEscaped()));
        return false;
    }
    const auto autostart = Autostart::setEnabled(collected->startAtLogin);
    m_message->setText(autostart ? tr("Settings applied.")
                                 : tr("Settings applied, but start at login failed: %1").arg(autostart.error()));
    if (oldLanguage != collected->language)
        emit languageChanged(collected->language);
    return true;
}
