// SPDX-License-Identifier: MIT
// Tests MessagesApi without the network: it follows the model-list interval setting.
#include <QNetworkAccessManager>
#include <QTest>
#include <QTimer>

#include "accounts/accountpool.h"
#include "config/config.h"
#include "config/settings.h"
#include "kiro/client/kiroclient.h"
#include "kiro/client/runtimeclient.h"
#include "kiro/client/tokenrefresher.h"
#include "logs/requestlog.h"
#include "server/messagesapi.h"
#include "server/runstate.h"

class TestMessagesApi : public QObject
{
    Q_OBJECT

private slots:
    void followsModelListInterval();
};

void TestMessagesApi::followsModelListInterval()
{
    Config c;
    c.modelListRefreshMinutes = 15;
    Settings settings(c);
    RunState state;
    QNetworkAccessManager nam;
    AccountPool pool;
    TokenRefresher refresher(&nam, settings.config());
    KiroClient client(settings.config());
    RuntimeClient runtime(&nam, settings.config());
    RequestLog log{QString()};
    ProxyServer server(settings.config());
    MessagesApi api({settings, state, pool, refresher, client, runtime, log}, server);

    auto *timer = api.findChild<QTimer *>(QStringLiteral("modelListRefresh"));
    QVERIFY(timer);
    QCOMPARE(timer->interval(), 15 * 60 * 1000);
    Config next = settings.config();
    next.modelListRefreshMinutes = 240;
    QVERIFY(settings.apply(next).ok());
    QCOMPARE(timer->interval(), 240 * 60 * 1000);
}

QTEST_GUILESS_MAIN(TestMessagesApi)
#include "tst_messagesapi.moc"
