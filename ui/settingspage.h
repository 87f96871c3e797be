// SPDX-License-Identifier: MIT
// SettingsPage: every setting with validation; Apply restarts the listener when needed and shows what failed.
#pragma once

#include <QWidget>

#include "common/expected.h"

struct Config;
class ProxyService;
class QLineEdit;
class QSpinBox;
class QComboBox;
class QCheckBox;
class QLabel;

class SettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsPage)
public:
    explicit SettingsPage(ProxyService &service, QWidget *parent = nullptr);

    /// The form's values as a Config, or what is wrong with them.
    Expected<Config, QString> collect() const;
    QLabel *message() const { return m_message; }
    QLineEdit *hostEdit() const { return m_host; }
    QSpinBox *portSpin() const { return m_port; }
    QLineEdit *apiKeyEdit() const { return m_apiKey; }
    QLineEdit *proxyEdit() const { return m_proxyUrl; }
    QLineEdit *apiEndpointEdit() const { return m_apiEndpoint; }

signals:
    void languageChanged(const QString &language);

public slots:
    bool apply();
    void revert();

private:
    ProxyService &m_service;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_apiKey;
    QLineEdit *m_region;
    QLineEdit *m_apiEndpoint;
    QLineEdit *m_socialEndpoint;
    QLineEdit *m_idcEndpoint;
    QLineEdit *m_proxyUrl;
    QLineEdit *m_proxyUser;
    QLineEdit *m_proxyPassword;
    QComboBox *m_strategy;
    QCheckBox *m_sticky;
    QSpinBox *m_logSize;
    QComboBox *m_secretStore;
    QCheckBox *m_autostart;
    QComboBox *m_language;
    QLabel *m_message;
};
