<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AccountPresenter</name>
    <message numerus="yes">
        <source>%n account(s) cooling down until %1</source>
        <translation>
            <numerusform>%n account cooling down until %1</numerusform>
            <numerusform>%n accounts cooling down until %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) cooling down</source>
        <translation>
            <numerusform>%n account cooling down</numerusform>
            <numerusform>%n accounts cooling down</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) exhausted until %1</source>
        <translation>
            <numerusform>%n account exhausted until %1</numerusform>
            <numerusform>%n accounts exhausted until %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) exhausted</source>
        <translation>
            <numerusform>%n account exhausted</numerusform>
            <numerusform>%n accounts exhausted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) disabled</source>
        <translation>
            <numerusform>%n account disabled</numerusform>
            <numerusform>%n accounts disabled</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) disabled: %1</source>
        <translation>
            <numerusform>%n account disabled: %1</numerusform>
            <numerusform>%n accounts disabled: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) still loading secrets</source>
        <translation>
            <numerusform>%n account still loading secrets</numerusform>
            <numerusform>%n accounts still loading secrets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Runs out in about %n day(s) at the current pace (%1 a day), around %2.</source>
        <translation>
            <numerusform>Runs out in about %n day at the current pace (%1 a day), around %2.</numerusform>
            <numerusform>Runs out in about %n days at the current pace (%1 a day), around %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message numerus="yes">
        <source>Quota refreshed for %n account(s).</source>
        <translation>
            <numerusform>Quota refreshed for %n account.</numerusform>
            <numerusform>Quota refreshed for %n accounts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Quota refresh failed for %n account(s): </source>
        <translation>
            <numerusform>Quota refresh failed for %n account: </numerusform>
            <numerusform>Quota refresh failed for %n accounts: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n account(s) and their stored secrets?</source>
        <translation>
            <numerusform>Delete %n account and their stored secrets?</numerusform>
            <numerusform>Delete %n accounts and their stored secrets?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CredentialImporter</name>
    <message numerus="yes">
        <source>The refresh token is too short (%n characters; real ones have 100 or more) — copy the whole token.</source>
        <translation>
            <numerusform>The refresh token is too short (%n characters; real ones have 100 or more) — copy the whole token.</numerusform>
            <numerusform>The refresh token is too short (%n characters; real ones have 100 or more) — copy the whole token.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>%n account(s) ready to import</source>
        <translation>
            <numerusform>%n account ready to import</numerusform>
            <numerusform>%n accounts ready to import</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n skipped</numerusform>
            <numerusform>%n skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n account(s).</source>
        <translation>
            <numerusform>Added %n account.</numerusform>
            <numerusform>Added %n accounts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them has no quota left this month.</source>
        <translation>
            <numerusform>%n of them has no quota left this month.</numerusform>
            <numerusform>%n of them has no quota left this month.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed — see the red rows.</source>
        <translation>
            <numerusform>%n failed — see the red rows.</numerusform>
            <numerusform>%n failed — see the red rows.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LogsModel</name>
    <message numerus="yes">
        <source>%1 (after %n hop(s))</source>
        <translation>
            <numerusform>%1 (after %n hop)</numerusform>
            <numerusform>%1 (after %n hops)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LogsPage</name>
    <message numerus="yes">
        <source>Active streams: %n</source>
        <translation>
            <numerusform>Active streams: %n</numerusform>
            <numerusform>Active streams: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message numerus="yes">
        <source>Today: %Ln request(s) · tokens in %1, out %2</source>
        <translation>
            <numerusform>Today: %Ln request · tokens in %1, out %2</numerusform>
            <numerusform>Today: %Ln requests · tokens in %1, out %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All time: %Ln request(s), %1 % successful · %2 tokens · up %3</source>
        <translation>
            <numerusform>All time: %Ln request, %1 % successful · %2 tokens · up %3</numerusform>
            <numerusform>All time: %Ln requests, %1 % successful · %2 tokens · up %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>none of %n account(s) usable</source>
        <translation>
            <numerusform>none of %n account usable</numerusform>
            <numerusform>none of %n accounts usable</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n account(s) usable</source>
        <translation>
            <numerusform>%1 of %n account usable</numerusform>
            <numerusform>%1 of %n accounts usable</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) usable</source>
        <translation>
            <numerusform>%n account usable</numerusform>
            <numerusform>%n accounts usable</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuotaHistory</name>
    <message numerus="yes">
        <source>%1: %n unreadable reading(s) ignored</source>
        <translation>
            <numerusform>%1: %n unreadable reading ignored</numerusform>
            <numerusform>%1: %n unreadable readings ignored</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReloginDialog</name>
    <message numerus="yes">
        <source>Paste the login of this one account (found %n).</source>
        <translation>
            <numerusform>Paste the login of this one account (found %n).</numerusform>
            <numerusform>Paste the login of this one account (found %n).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RequestChart</name>
    <message numerus="yes">
        <source>%Ln request(s) in the last 24 hours, %1 failed</source>
        <translation>
            <numerusform>%Ln request in the last 24 hours, %1 failed</numerusform>
            <numerusform>%Ln requests in the last 24 hours, %1 failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln request(s)</source>
        <translation>
            <numerusform>%1: %Ln request</numerusform>
            <numerusform>%1: %Ln requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln request(s), %2 failed</source>
        <translation>
            <numerusform>%1: %Ln request, %2 failed</numerusform>
            <numerusform>%1: %Ln requests, %2 failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>peak %Ln per hour</source>
        <translation>
            <numerusform>peak %Ln per hour</numerusform>
            <numerusform>peak %Ln per hour</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message numerus="yes">
        <source>&amp;Apply %n change(s)</source>
        <translation>
            <numerusform>&amp;Apply %n change</numerusform>
            <numerusform>&amp;Apply %n changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unapplied change(s) in here.</source>
        <translation>
            <numerusform>%n unapplied change in here.</numerusform>
            <numerusform>%n unapplied changes in here.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not applied yet.</source>
        <translation>
            <numerusform>%n change not applied yet.</numerusform>
            <numerusform>%n changes not applied yet.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message numerus="yes">
        <source>%1 of %Ln account(s) usable</source>
        <translation>
            <numerusform>%1 of %Ln account usable</numerusform>
            <numerusform>%1 of %Ln accounts usable</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s) today</source>
        <translation>
            <numerusform>%Ln request today</numerusform>
            <numerusform>%Ln requests today</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln account(s) almost out of quota</source>
        <translation>
            <numerusform>%Ln account almost out of quota</numerusform>
            <numerusform>%Ln accounts almost out of quota</numerusform>
        </translation>
    </message>
</context>
</TS>
