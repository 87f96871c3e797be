<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Kiro Tray</source>
        <translation>关于 Kiro Tray</translation>
    </message>
    <message>
        <source>Use your Kiro Claude quota from any Anthropic API client.</source>
        <translation>在任意 Anthropic API 客户端中使用你的 Kiro Claude 配额。</translation>
    </message>
    <message>
        <source>Qt:</source>
        <translation>Qt：</translation>
    </message>
    <message>
        <source>%1 (built with %2)</source>
        <translation>%1（使用 %2 构建）</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>数据目录：</translation>
    </message>
    <message>
        <source>Licence:</source>
        <translation>许可证：</translation>
    </message>
    <message>
        <source>MIT License</source>
        <translation>MIT 许可证</translation>
    </message>
    <message>
        <source>Documentation:</source>
        <translation>文档：</translation>
    </message>
    <message>
        <source>README</source>
        <translation>README</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>AccountPool</name>
    <message>
        <source>this account is already in the pool (as “%1”)</source>
        <translation>此账号已在账号池中（名为“%1”）</translation>
    </message>
</context>
<context>
    <name>AccountPresenter</name>
    <message>
        <source>Active</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>Cooling down until %1</source>
        <translation>冷却中，至 %1</translation>
    </message>
    <message>
        <source>Cooling down</source>
        <translation>冷却中</translation>
    </message>
    <message>
        <source>Exhausted until %1</source>
        <translation>额度耗尽，至 %1</translation>
    </message>
    <message>
        <source>Exhausted</source>
        <translation>额度耗尽</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Disabled: %1</source>
        <translation>已停用：%1</translation>
    </message>
    <message>
        <source>unknown — refresh quota</source>
        <translation>未知 — 请刷新配额</translation>
    </message>
    <message>
        <source> · resets %1</source>
        <translation> · %1 重置</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 — %2 % left</source>
        <translation>%1 — 剩余 %2 %</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) cooling down until %1</source>
        <translation>
            <numerusform>%n 个账号冷却中，至 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) cooling down</source>
        <translation>
            <numerusform>%n 个账号冷却中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) exhausted until %1</source>
        <translation>
            <numerusform>%n 个账号额度耗尽，至 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) exhausted</source>
        <translation>
            <numerusform>%n 个账号额度耗尽</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) disabled</source>
        <translation>
            <numerusform>%n 个账号已停用</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) disabled: %1</source>
        <translation>
            <numerusform>%n 个账号已停用：%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) still loading secrets</source>
        <translation>
            <numerusform>%n 个账号仍在加载密钥</numerusform>
        </translation>
    </message>
    <message>
        <source>suspended by Kiro</source>
        <translation>被 Kiro 暂停</translation>
    </message>
    <message>
        <source>too many failures</source>
        <translation>失败次数过多</translation>
    </message>
    <message>
        <source>Account exhausted</source>
        <translation>账号额度耗尽</translation>
    </message>
    <message>
        <source>Account suspended</source>
        <translation>账号被暂停</translation>
    </message>
    <message>
        <source>%1 has used its monthly Kiro quota.</source>
        <translation>%1 已用完本月 Kiro 额度。</translation>
    </message>
    <message>
        <source>Kiro suspended %1: %2</source>
        <translation>Kiro 暂停了 %1：%2</translation>
    </message>
    <message>
        <source>%1 / %2 used — exhausted</source>
        <translation>已用 %1 / %2 — 额度耗尽</translation>
    </message>
    <message>
        <source>exhausted</source>
        <translation>额度耗尽</translation>
    </message>
    <message>
        <source>%1 / %2 used (%3 %)</source>
        <translation>已用 %1 / %2（%3 %）</translation>
    </message>
    <message>
        <source>Not enough history for a forecast yet: it grows with each quota refresh.</source>
        <translation>历史数据还不足以做出预测：每次刷新配额都会积累数据。</translation>
    </message>
    <message>
        <source>Hardly used lately: the quota is not running down.</source>
        <translation>近期几乎没有使用：配额没有减少。</translation>
    </message>
    <message>
        <source>Not at this pace before the reset on %1 (%2 a day).</source>
        <translation>按当前速度（每天 %2），在 %1 重置前不会用完。</translation>
    </message>
    <message>
        <source>Runs out within a day at the current pace (%1 a day).</source>
        <translation>按当前速度（每天 %1），一天内就会用完。</translation>
    </message>
    <message numerus="yes">
        <source>Runs out in about %n day(s) at the current pace (%1 a day), around %2.</source>
        <translation>
            <numerusform>按当前速度（每天 %1），约 %n 天后用完，大约在 %2。</numerusform>
        </translation>
    </message>
    <message>
        <source>the monthly quota is used up</source>
        <translation>本月额度已用完</translation>
    </message>
    <message>
        <source>Kiro suspended the account</source>
        <translation>Kiro 暂停了此账号</translation>
    </message>
    <message>
        <source>Kiro refused the account&apos;s credentials</source>
        <translation>Kiro 拒绝了此账号的凭证</translation>
    </message>
    <message>
        <source>the login expired or was revoked: sign in again</source>
        <translation>登录已过期或已被撤销：请重新登录</translation>
    </message>
    <message>
        <source>Kiro is limiting this account&apos;s request rate: try again in a minute</source>
        <translation>Kiro 正在限制此账号的请求频率：请一分钟后再试</translation>
    </message>
    <message>
        <source>Kiro has no capacity for the model right now</source>
        <translation>Kiro 当前该模型容量不足</translation>
    </message>
    <message>
        <source>Kiro does not offer the test model to this account</source>
        <translation>Kiro 不向此账号提供测试所用的模型</translation>
    </message>
    <message>
        <source>Kiro&apos;s sign-in service did not answer in time</source>
        <translation>Kiro 登录服务没有及时响应</translation>
    </message>
    <message>
        <source>Kiro could not be reached</source>
        <translation>无法连接 Kiro</translation>
    </message>
    <message>
        <source>Kiro did not answer in time</source>
        <translation>Kiro 没有及时响应</translation>
    </message>
    <message>
        <source>Kiro&apos;s answer broke off</source>
        <translation>Kiro 的回答中断了</translation>
    </message>
    <message>
        <source>the account&apos;s settings are unusable</source>
        <translation>此账号的设置无法使用</translation>
    </message>
    <message>
        <source>Kiro refused the request</source>
        <translation>Kiro 拒绝了该请求</translation>
    </message>
    <message>
        <source>login expired — sign in again</source>
        <translation>登录已过期 — 请重新登录</translation>
    </message>
    <message>
        <source>Account needs signing in again</source>
        <translation>账号需要重新登录</translation>
    </message>
    <message>
        <source>The login of %1 expired or was revoked. Sign it in again on the Accounts page.</source>
        <translation>%1 的登录已过期或已被撤销。请在“账号”页重新登录。</translation>
    </message>
</context>
<context>
    <name>AccountService</name>
    <message>
        <source>No usable account</source>
        <translation>没有可用账号</translation>
    </message>
    <message>
        <source>Secrets file</source>
        <translation>密钥文件</translation>
    </message>
    <message>
        <source>Secret storage</source>
        <translation>密钥存储</translation>
    </message>
    <message>
        <source>Accounts file</source>
        <translation>账号文件</translation>
    </message>
    <message>
        <source>Account secret missing</source>
        <translation>账号密钥缺失</translation>
    </message>
    <message>
        <source>Cannot save accounts</source>
        <translation>无法保存账号</translation>
    </message>
    <message>
        <source>the account&apos;s secret is not loaded</source>
        <translation>账号密钥尚未加载</translation>
    </message>
    <message>
        <source>the account could not be saved: %1</source>
        <translation>无法保存该账号：%1</translation>
    </message>
    <message>
        <source>Kiro&apos;s sign-in service did not answer (%1); try again shortly</source>
        <translation>Kiro 登录服务没有响应（%1）；请稍后再试</translation>
    </message>
    <message>
        <source>Sign-in validation failed: %1</source>
        <translation>登录校验失败：%1</translation>
    </message>
    <message>
        <source>Quota history</source>
        <translation>配额历史</translation>
    </message>
    <message>
        <source>the account no longer exists</source>
        <translation>该账号已不存在</translation>
    </message>
    <message>
        <source>this login is already the account %1</source>
        <translation>此登录已属于账号 %1</translation>
    </message>
    <message>
        <source>the new login could not be saved: %1</source>
        <translation>无法保存新的登录信息：%1</translation>
    </message>
</context>
<context>
    <name>AccountStore</name>
    <message>
        <source>%1 It was moved to %2 and an empty pool was started.</source>
        <translation>%1 该文件已移至 %2，并以空账号池启动。</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not valid JSON (%2 at offset %3).</source>
        <translation>%1 不是有效的 JSON（位置 %3 处：%2）。</translation>
    </message>
    <message>
        <source>%1 is an accounts.json of the pool fork, with plaintext tokens: import it from the Accounts page or with kiro-proxyd --import.</source>
        <translation>%1 是账号池分支版本的 accounts.json，其中含明文令牌：请在“账号”页导入，或使用 kiro-proxyd --import 导入。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>%1 has unknown version %2.</source>
        <translation>%1 的版本 %2 无法识别。</translation>
    </message>
</context>
<context>
    <name>AccountTester</name>
    <message>
        <source>the account&apos;s secret is not loaded yet</source>
        <translation>账号密钥尚未加载</translation>
    </message>
    <message>
        <source>no such account</source>
        <translation>没有该账号</translation>
    </message>
    <message>
        <source>Kiro answered without any text</source>
        <translation>Kiro 的回答不含任何文本</translation>
    </message>
</context>
<context>
    <name>AccountsModel</name>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>登录方式</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Quota</source>
        <translation>配额</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求数</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误数</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>最近使用</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <source>Refreshing quota: 0 of %1…</source>
        <translation>正在刷新配额：0 / %1…</translation>
    </message>
    <message>
        <source>Refreshing quota: %1 of %2…</source>
        <translation>正在刷新配额：%1 / %2…</translation>
    </message>
    <message numerus="yes">
        <source>Quota refreshed for %n account(s).</source>
        <translation>
            <numerusform>已刷新 %n 个账号的配额。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Quota refresh failed for %n account(s): </source>
        <translation>
            <numerusform>%n 个账号的配额刷新失败：</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete accounts</source>
        <translation>删除账号</translation>
    </message>
    <message>
        <source>Rename account</source>
        <translation>重命名账号</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>The change could not be saved: %1</source>
        <translation>无法保存此更改：%1</translation>
    </message>
    <message>
        <source>No accounts yet</source>
        <translation>还没有账号</translation>
    </message>
    <message>
        <source>Import a Kiro login to start: paste its credential JSON, or use the login of the Kiro IDE on this computer. The proxy spreads requests over every account you add.</source>
        <translation>先导入一个 Kiro 登录：粘贴它的凭证 JSON，或使用本机 Kiro IDE 的登录信息。代理会把请求分摊到你添加的每个账号上。</translation>
    </message>
    <message>
        <source>Import… (Ctrl+I)</source>
        <translation>导入…（Ctrl+I）</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Refresh quota</source>
        <translation>刷新配额(&amp;R)</translation>
    </message>
    <message>
        <source>Refresh &amp;all</source>
        <translation>全部刷新(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>测试(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>启用(&amp;E)</translation>
    </message>
    <message>
        <source>Di&amp;sable</source>
        <translation>停用(&amp;S)</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>重命名(&amp;N)…</translation>
    </message>
    <message>
        <source>Sign in a&amp;gain…</source>
        <translation>重新登录(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>Refresh the quota of the selected accounts</source>
        <translation>刷新所选账号的配额</translation>
    </message>
    <message>
        <source>Refresh the quota of every account</source>
        <translation>刷新所有账号的配额</translation>
    </message>
    <message>
        <source>No account selected</source>
        <translation>未选择账号</translation>
    </message>
    <message>
        <source>Select an account to see its quota over time.</source>
        <translation>选择一个账号以查看其配额变化。</translation>
    </message>
    <message>
        <source> · checked %1</source>
        <translation> · 检查于 %1</translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation>正在测试 %1…</translation>
    </message>
    <message>
        <source>%1: “%2” — %3 ms</source>
        <translation>%1：“%2” — %3 毫秒</translation>
    </message>
    <message>
        <source>%1: the test failed: %2</source>
        <translation>%1：测试失败：%2</translation>
    </message>
    <message>
        <source>%1 is signed in again.</source>
        <translation>%1 已重新登录。</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n account(s) and their stored secrets?</source>
        <translation>
            <numerusform>删除 %n 个账号及其保存的密钥？</numerusform>
        </translation>
    </message>
    <message>
        <source>Their history and counters go too. To use an account again, import it again.</source>
        <translation>其历史记录和计数也会一并删除。若要再次使用某个账号，需要重新导入。</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>account: its quota refresh error</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>; </source>
        <comment>between the quota refresh errors of accounts</comment>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>AppShell</name>
    <message>
        <source>Secrets file</source>
        <translation>密钥文件</translation>
    </message>
    <message>
        <source>Kiro Tray keeps the secrets in a file for now, but could not save this choice (%1).</source>
        <translation>Kiro Tray 暂时将密钥保存在文件中，但无法保存此选择（%1）。</translation>
    </message>
    <message>
        <source>Kiro Tray</source>
        <translation>Kiro Tray</translation>
    </message>
    <message>
        <source>Kiro Tray stopped to restart but could not start again. Start it from the applications menu.</source>
        <translation>Kiro Tray 已退出以便重启，但未能重新启动。请从应用程序菜单启动它。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Kiro Tray shows the new language everywhere after a restart.</source>
        <translation>重启后，Kiro Tray 的所有界面都会使用新语言。</translation>
    </message>
    <message>
        <source>Restart now? The proxy stops for a moment; clients retry.</source>
        <translation>现在重启吗？代理会短暂停止，客户端会自动重试。</translation>
    </message>
    <message>
        <source>&amp;Restart now</source>
        <translation>立即重启(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>稍后(&amp;L)</translation>
    </message>
</context>
<context>
    <name>ClaudeCodeConfig</name>
    <message>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <source>Configure Claude Code</source>
        <translation>配置 Claude Code</translation>
    </message>
    <message>
        <source>Remove from Claude Code</source>
        <translation>从 Claude Code 中移除</translation>
    </message>
    <message>
        <source>Kiro Tray will change these settings in &lt;b&gt;%1&lt;/b&gt;. Everything else in the file stays as it is.</source>
        <translation>Kiro Tray 将修改 &lt;b&gt;%1&lt;/b&gt; 中的以下设置。文件中的其他内容保持不变。</translation>
    </message>
    <message>
        <source>Kiro Tray will create &lt;b&gt;%1&lt;/b&gt; with these settings.</source>
        <translation>Kiro Tray 将创建 &lt;b&gt;%1&lt;/b&gt;，并写入以下设置。</translation>
    </message>
    <message>
        <source>Kiro Tray will take these settings out of &lt;b&gt;%1&lt;/b&gt;. Everything else in the file stays as it is.</source>
        <translation>Kiro Tray 将从 &lt;b&gt;%1&lt;/b&gt; 中移除以下设置。文件中的其他内容保持不变。</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置项</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前值</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <source>The current file is kept as a backup next to it (settings.json.kiro-tray-&lt;i&gt;date&lt;/i&gt;.bak). Restart Claude Code for the change to take effect.</source>
        <translation>当前文件会在同一目录下保留一份备份（settings.json.kiro-tray-&lt;i&gt;日期&lt;/i&gt;.bak）。重启 Claude Code 后更改生效。</translation>
    </message>
    <message>
        <source>The file is readable only by you, since it holds the key. Restart Claude Code for the change to take effect.</source>
        <translation>由于文件中包含密钥，只有你能读取它。重启 Claude Code 后更改生效。</translation>
    </message>
    <message>
        <source>&amp;Write settings</source>
        <translation>写入设置(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Remove settings</source>
        <translation>移除设置(&amp;R)</translation>
    </message>
</context>
<context>
    <name>ClaudeCodeSettings</name>
    <message>
        <source>The file is not valid JSON (line %1: %2). Kiro Tray leaves it as it is; correct it or move it away, then try again.</source>
        <translation>该文件不是有效的 JSON（第 %1 行：%2）。Kiro Tray 不会改动它；请修正该文件或将其移走，然后重试。</translation>
    </message>
    <message>
        <source>The file does not hold a JSON object ({ … }). Kiro Tray leaves it as it is; correct it or move it away, then try again.</source>
        <translation>该文件的内容不是 JSON 对象（{ … }）。Kiro Tray 不会改动它；请修正该文件或将其移走，然后重试。</translation>
    </message>
    <message>
        <source>Its &quot;env&quot; entry is not a JSON object. Kiro Tray leaves the file as it is.</source>
        <translation>其中的 &quot;env&quot; 项不是 JSON 对象。Kiro Tray 不会改动该文件。</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 changed in the meantime (another program wrote it). Nothing was written; try again to see the new changes.</source>
        <translation>%1 在此期间已被其他程序修改。未写入任何内容；请重试以查看新的更改。</translation>
    </message>
    <message>
        <source>The backup could not be written, so the settings were left as they are: %1</source>
        <translation>无法写入备份，因此未修改设置：%1</translation>
    </message>
    <message>
        <source>The settings could not be written: %1</source>
        <translation>无法写入设置：%1</translation>
    </message>
    <message>
        <source>The settings were written, but their file mode could not be restored.</source>
        <translation>设置已写入，但无法恢复文件权限。</translation>
    </message>
</context>
<context>
    <name>Config</name>
    <message>
        <source>%1: cannot write (%2)</source>
        <translation>%1：无法写入（%2）</translation>
    </message>
</context>
<context>
    <name>CredentialCodec</name>
    <message>
        <source>a boolean</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>logins through an external identity provider (ExternalIdp) are not supported yet</source>
        <translation>暂不支持通过外部身份提供商（ExternalIdp）登录的账号</translation>
    </message>
    <message>
        <source>%1: expected a string, not %2</source>
        <translation>%1：应为字符串，而不是%2</translation>
    </message>
    <message>
        <source>no auth method given (expected social, idc, builder-id or iam)</source>
        <translation>未指定认证方式（应为 social、idc、builder-id 或 iam）</translation>
    </message>
    <message>
        <source>auth method &quot;%1&quot; is not one of social, idc, builder-id, iam</source>
        <translation>认证方式“%1”不是 social、idc、builder-id、iam 之一</translation>
    </message>
</context>
<context>
    <name>CredentialImporter</name>
    <message>
        <source>line %1, column %2</source>
        <translation>第 %1 行第 %2 列</translation>
    </message>
    <message>
        <source>This entry has no refresh token — export it again from Kiro.</source>
        <translation>此条目没有刷新令牌 — 请从 Kiro 重新导出。</translation>
    </message>
    <message>
        <source>The refresh token is incomplete (it contains “...”, as shortened displays write it) — copy the whole token.</source>
        <translation>刷新令牌不完整（含有“...”，这是界面截断显示时的写法）— 请复制完整的令牌。</translation>
    </message>
    <message numerus="yes">
        <source>The refresh token is too short (%n characters; real ones have 100 or more) — copy the whole token.</source>
        <translation>
            <numerusform>刷新令牌太短（%n 个字符；真实的令牌至少有 100 个字符）— 请复制完整的令牌。</numerusform>
        </translation>
    </message>
    <message>
        <source>Sign-in through an organisation&apos;s own identity provider (ExternalIdp) is not supported yet.</source>
        <translation>暂不支持通过组织自有的身份提供商（ExternalIdp）登录。</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>“%1” should be text, not %2 — is this really a Kiro export?</source>
        <translation>“%1”应为文本，而不是%2 — 这真的是 Kiro 导出的内容吗？</translation>
    </message>
    <message>
        <source>Unknown sign-in type “%1”: Kiro accounts sign in with GitHub or Google, AWS Builder ID or IAM Identity Center.</source>
        <translation>未知的登录类型“%1”：Kiro 账号通过 GitHub、Google、AWS Builder ID 或 IAM Identity Center 登录。</translation>
    </message>
    <message>
        <source>This AWS Builder ID / IAM Identity Center login lacks its clientId and clientSecret — import the Kiro IDE login instead (it finds them), or export the account again with them.</source>
        <translation>此 AWS Builder ID / IAM Identity Center 登录缺少 clientId 和 clientSecret — 请改为导入 Kiro IDE 登录信息（它能找到这两项），或重新导出包含这两项的账号。</translation>
    </message>
    <message>
        <source>%1 account %2</source>
        <translation>%1 账号 %2</translation>
    </message>
    <message>
        <source>No Kiro account in this text: an account needs a refresh token (refreshToken). Paste what Kiro exported — one account or a list.</source>
        <translation>文本中没有 Kiro 账号：账号必须包含刷新令牌（refreshToken）。请粘贴 Kiro 导出的内容 — 单个账号或账号列表均可。</translation>
    </message>
    <message>
        <source>Nothing to import: paste the JSON that Kiro exported.</source>
        <translation>没有可导入的内容：请粘贴 Kiro 导出的 JSON。</translation>
    </message>
    <message>
        <source>This is not valid JSON (%1): %2</source>
        <translation>这不是有效的 JSON（%1）：%2</translation>
    </message>
    <message>
        <source>No Kiro IDE login found at %1 — sign in to Kiro first.</source>
        <translation>在 %1 未找到 Kiro IDE 登录信息 — 请先登录 Kiro。</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2</source>
        <translation>%1 不是有效的 JSON：%2</translation>
    </message>
    <message>
        <source>Kiro IDE login</source>
        <translation>Kiro IDE 登录</translation>
    </message>
    <message>
        <source>AWS Builder ID</source>
        <translation>AWS Builder ID</translation>
    </message>
    <message>
        <source>IAM Identity Center</source>
        <translation>IAM Identity Center</translation>
    </message>
    <message>
        <source>AWS Builder ID / IAM Identity Center</source>
        <translation>AWS Builder ID / IAM Identity Center</translation>
    </message>
    <message>
        <source>GitHub sign-in</source>
        <translation>GitHub 登录</translation>
    </message>
    <message>
        <source>Google sign-in</source>
        <translation>Google 登录</translation>
    </message>
    <message>
        <source>GitHub/Google sign-in</source>
        <translation>GitHub/Google 登录</translation>
    </message>
    <message>
        <source>Where to find it: the Kiro IDE keeps its login in %1 (the button below reads it, with the client id and secret from the file next to it); a Kiro account manager&apos;s export (accounts.json), kiro.rs credentials.json and Kiro Tray&apos;s own exports work as they are.</source>
        <translation>在哪里找到：Kiro IDE 将登录信息保存在 %1（下方按钮会读取它，并从同目录的另一个文件中读取客户端 ID 和客户端密钥）；Kiro 账号管理器导出的 accounts.json、kiro.rs 的 credentials.json 以及 Kiro Tray 自己导出的文件都可以直接使用。</translation>
    </message>
</context>
<context>
    <name>DurableFile</name>
    <message>
        <source>%1: %2 failed: %3</source>
        <translation>%1：%2失败：%3</translation>
    </message>
    <message>
        <source>write</source>
        <translation>写入</translation>
    </message>
    <message>
        <source>%1: cannot create the directory</source>
        <translation>%1：无法创建该目录</translation>
    </message>
    <message>
        <source>chmod</source>
        <translation>修改权限（chmod）</translation>
    </message>
    <message>
        <source>open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>fsync</source>
        <translation>同步到磁盘（fsync）</translation>
    </message>
    <message>
        <source>creating a temporary file</source>
        <translation>创建临时文件</translation>
    </message>
    <message>
        <source>fchmod</source>
        <translation>修改权限（fchmod）</translation>
    </message>
    <message>
        <source>close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>%1: cannot write (%2)</source>
        <translation>%1：无法写入（%2）</translation>
    </message>
</context>
<context>
    <name>FileSecretStore</name>
    <message>
        <source>no secret stored for account %1</source>
        <translation>没有为账号 %1 保存密钥</translation>
    </message>
    <message>
        <source>the secret of account %1 in %2 is unreadable: %3</source>
        <translation>%2 中账号 %1 的密钥无法读取：%3</translation>
    </message>
    <message>
        <source>%1 was unreadable and was moved to %2.</source>
        <translation>%1 无法读取，已移至 %2。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import Kiro accounts</source>
        <translation>导入 Kiro 账号</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>(the local Kiro IDE login)</source>
        <translation>（本机 Kiro IDE 登录）</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Found the Kiro IDE login.</source>
        <translation>已找到 Kiro IDE 登录信息。</translation>
    </message>
    <message>
        <source>Nothing pasted yet.</source>
        <translation>尚未粘贴内容。</translation>
    </message>
    <message>
        <source>Cannot read this: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) ready to import</source>
        <translation>
            <numerusform>%n 个账号可导入</numerusform>
        </translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>校验中…</translation>
    </message>
    <message>
        <source>added</source>
        <translation>已添加</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Import from &amp;Kiro IDE</source>
        <translation>从 Kiro IDE 导入(&amp;K)</translation>
    </message>
    <message>
        <source>Open &amp;file…</source>
        <translation>打开文件(&amp;F)…</translation>
    </message>
    <message>
        <source>Paste the JSON that Kiro exported — one account or a list — open the file, or drop it here. Each account is checked with a real sign-in before it is added.</source>
        <translation>粘贴 Kiro 导出的 JSON（单个账号或账号列表），或打开该文件，或将文件拖放到此处。每个账号在添加前都会实际登录一次以进行校验。</translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation>登录方式</translation>
    </message>
    <message>
        <source>Open a Kiro export</source>
        <translation>打开 Kiro 导出文件</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON 文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>%1 is too large for a Kiro export (%2).</source>
        <translation>%1 太大，不可能是 Kiro 导出文件（%2）。</translation>
    </message>
    <message>
        <source>Read %1.</source>
        <translation>已读取 %1。</translation>
    </message>
    <message>
        <source>Skipped: a duplicate — already in the pool or pasted twice.</source>
        <translation>已跳过：重复项 — 已在账号池中，或被粘贴了两次。</translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>已跳过 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a row to read its whole message here.</source>
        <translation>选择一行，即可在此处查看完整消息。</translation>
    </message>
    <message>
        <source>at the start of next month</source>
        <translation>下月初</translation>
    </message>
    <message>
        <source>added — but its monthly quota is already used up (resets %1)</source>
        <translation>已添加 — 但本月额度已用完（%1 重置）</translation>
    </message>
    <message numerus="yes">
        <source>Added %n account(s).</source>
        <translation>
            <numerusform>已添加 %n 个账号。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them has no quota left this month.</source>
        <translation>
            <numerusform>其中 %n 个本月已无剩余额度。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed — see the red rows.</source>
        <translation>
            <numerusform>%n 个失败 — 请查看红色的行。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>one sentence after another</comment>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <comment>ready to import, skipped</comment>
        <translation>%1，%2</translation>
    </message>
</context>
<context>
    <name>KeychainGate</name>
    <message>
        <source>the keychain gave no reason</source>
        <translation>钥匙串未给出原因</translation>
    </message>
    <message>
        <source>Waiting for the keychain</source>
        <translation>正在等待钥匙串</translation>
    </message>
    <message>
        <source>&lt;b&gt;Waiting for the system keychain…&lt;/b&gt;&lt;br&gt;&lt;br&gt;Your desktop may be asking for the keyring password. Kiro Tray continues as soon as the keychain answers.</source>
        <translation>&lt;b&gt;正在等待系统钥匙串…&lt;/b&gt;&lt;br&gt;&lt;br&gt;桌面环境可能正在要求输入密钥环密码。钥匙串一响应，Kiro Tray 就会继续运行。</translation>
    </message>
    <message>
        <source>Use a &amp;file instead</source>
        <translation>改用文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>No keychain available</source>
        <translation>没有可用的钥匙串</translation>
    </message>
    <message>
        <source>Kiro Tray could not reach the system keychain.</source>
        <translation>Kiro Tray 无法访问系统钥匙串。</translation>
    </message>
    <message>
        <source>%1

Your accounts&apos; sign-in secrets belong in the keychain. You can try again (for example after unlocking the keyring), keep them in a file only you can read (%2, mode 0600), or continue without the keychain: the proxy then waits until the keychain answers.</source>
        <translation>%1

账号的登录密钥应保存在钥匙串中。你可以重试（例如在解锁密钥环之后），也可以将其保存在只有你能读取的文件中（%2，权限 0600），或者不使用钥匙串继续：这样代理会等到钥匙串响应后再启动。</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <source>Use a &amp;file</source>
        <translation>使用文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Continue without keychain</source>
        <translation>不使用钥匙串继续(&amp;C)</translation>
    </message>
</context>
<context>
    <name>KeychainSecretStore</name>
    <message>
        <source>no secret in the keychain for account %1</source>
        <translation>钥匙串中没有账号 %1 的密钥</translation>
    </message>
    <message>
        <source>keychain read failed: %1</source>
        <translation>读取钥匙串失败：%1</translation>
    </message>
    <message>
        <source>the keychain entry of account %1 is unreadable: %2</source>
        <translation>钥匙串中账号 %1 的条目无法读取：%2</translation>
    </message>
    <message>
        <source>keychain write failed: %1</source>
        <translation>写入钥匙串失败：%1</translation>
    </message>
    <message>
        <source>keychain delete failed: %1</source>
        <translation>从钥匙串删除失败：%1</translation>
    </message>
</context>
<context>
    <name>LogsModel</name>
    <message numerus="yes">
        <source>%1 (after %n hop(s))</source>
        <translation>
            <numerusform>%1（切换 %n 次后）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (streamed) → %2</source>
        <translation>%1（流式）→ %2</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>input %1 (%2), output %3 (%4)</source>
        <translation>输入 %1（%2），输出 %3（%4）</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>实测</translation>
    </message>
    <message>
        <source>estimated</source>
        <translation>估算</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tokens in / out</source>
        <translation>输入 / 输出 Token</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Request %1 at %2</source>
        <translation>请求 %1，时间 %2</translation>
    </message>
    <message>
        <source>Model: %1 → Kiro %2%3</source>
        <translation>模型：%1 → Kiro %2%3</translation>
    </message>
    <message>
        <source> (streamed)</source>
        <translation>（流式）</translation>
    </message>
    <message>
        <source>Account: %1</source>
        <translation>账号：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Status: %1%2</source>
        <translation>状态：%1%2</translation>
    </message>
    <message>
        <source>Time to first byte: %1 ms · total: %2 ms</source>
        <translation>首字节时间：%1 毫秒 · 总计：%2 毫秒</translation>
    </message>
    <message>
        <source>Tokens: %1 in (%2), %3 out (%4)</source>
        <translation>Token：输入 %1（%2），输出 %3（%4）</translation>
    </message>
    <message>
        <source>Failed over from %1: %2</source>
        <translation>从 %1 切换：%2</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>Client: %1</source>
        <translation>客户端：%1</translation>
    </message>
    <message>
        <source>Session: %1</source>
        <translation>会话：%1</translation>
    </message>
    <message>
        <source>Started %1</source>
        <translation>开始于 %1</translation>
    </message>
    <message>
        <source>%1 (streamed)</source>
        <translation>%1（流式）</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Running for %1 s</source>
        <translation>已进行 %1 秒</translation>
    </message>
    <message>
        <source>First byte: — · total: %1 ms</source>
        <translation>首字节：— · 总计：%1 毫秒</translation>
    </message>
    <message>
        <source>First byte after %1 ms · total: %2 ms</source>
        <translation>首字节：%1 毫秒 · 总计：%2 毫秒</translation>
    </message>
    <message>
        <source>⇢ the answer was streamed</source>
        <translation>⇢ 回答以流式返回</translation>
    </message>
    <message>
        <source>~ estimated (Kiro did not report the count)</source>
        <translation>~ 估算值（Kiro 未报告数量）</translation>
    </message>
    <message>
        <source>… still in progress</source>
        <translation>… 仍在进行中</translation>
    </message>
    <message>
        <source>Request %1, started %2, in progress</source>
        <translation>请求 %1，开始于 %2，进行中</translation>
    </message>
    <message>
        <source>Model: %1%2</source>
        <translation>模型：%1%2</translation>
    </message>
    <message>
        <source>not chosen yet</source>
        <translation>尚未选定</translation>
    </message>
    <message>
        <source>Time to first byte: — · total: %1 ms</source>
        <translation>首字节时间：— · 总计：%1 毫秒</translation>
    </message>
    <message>
        <source>Request refused</source>
        <translation>请求被拒绝</translation>
    </message>
    <message>
        <source>Wrong API key</source>
        <translation>API 密钥错误</translation>
    </message>
    <message>
        <source>Quota used up</source>
        <translation>配额已用完</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>无权访问</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>Request too large</source>
        <translation>请求过大</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Rate limited</source>
        <translation>被限流</translation>
    </message>
    <message>
        <source>Kiro overloaded</source>
        <translation>Kiro 过载</translation>
    </message>
    <message>
        <source>Upstream error</source>
        <translation>上游错误</translation>
    </message>
    <message>
        <source>Stream broken off</source>
        <translation>流式中断</translation>
    </message>
    <message>
        <source>Client left</source>
        <translation>客户端已断开</translation>
    </message>
    <message>
        <source>Web search failed</source>
        <translation>网页搜索失败</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>API: %1</source>
        <translation>API：%1</translation>
    </message>
    <message>
        <source>OpenAI Chat Completions</source>
        <translation>OpenAI Chat Completions 接口</translation>
    </message>
    <message>
        <source>Anthropic Messages</source>
        <translation>Anthropic Messages 接口</translation>
    </message>
</context>
<context>
    <name>LogsPage</name>
    <message>
        <source>Search account, model, error, request id…</source>
        <translation>搜索账号、模型、错误、请求 ID…</translation>
    </message>
    <message>
        <source>All requests</source>
        <translation>全部请求</translation>
    </message>
    <message>
        <source>Successful</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Select a request to see its timing, failover hops and error.</source>
        <translation>选择一条请求以查看耗时、切换记录和错误。</translation>
    </message>
    <message>
        <source>Clear the request log</source>
        <translation>清空请求日志</translation>
    </message>
    <message>
        <source>Export request log</source>
        <translation>导出请求日志</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>&amp;Copy request id</source>
        <translation>复制请求 ID(&amp;C)</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Search the log</source>
        <translation>搜索日志</translation>
    </message>
    <message>
        <source>C&amp;lear…</source>
        <translation>清空(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Remove every row of the request log</source>
        <translation>清空请求日志中的所有记录</translation>
    </message>
    <message>
        <source>Save the request log as JSON Lines</source>
        <translation>将请求日志保存为 JSON Lines 文件</translation>
    </message>
    <message>
        <source>⇢ streamed · ~ estimated token count · … in progress</source>
        <translation>⇢ 流式 · ~ 估算的 Token 数 · … 进行中</translation>
    </message>
    <message>
        <source>Requests being answered now, streamed or not</source>
        <translation>正在应答的请求（无论是否流式）</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message numerus="yes">
        <source>Active streams: %n</source>
        <translation>
            <numerusform>进行中的请求：%n</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove every row of the request log? Requests still in progress stay.</source>
        <translation>清空请求日志中的所有记录吗？仍在进行中的请求会保留。</translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation>清空(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>No request matches the search or the filter.</source>
        <translation>没有符合搜索或筛选条件的请求。</translation>
    </message>
    <message>
        <source>No requests yet. Point a client at the endpoint the Overview page shows; every request appears here as soon as it starts.</source>
        <translation>还没有请求。把客户端指向“概览”页显示的地址；每个请求一开始就会出现在这里。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Kiro Tray</source>
        <translation>Kiro Tray</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <source>Use a &amp;file</source>
        <translation>使用文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Menu</source>
        <translation>菜单(&amp;M)</translation>
    </message>
    <message>
        <source>Import, About and Quit</source>
        <translation>导入、关于和退出</translation>
    </message>
    <message>
        <source>&amp;Import account…</source>
        <translation>导入账号(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;About Kiro Tray</source>
        <translation>关于 Kiro Tray(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Close window</source>
        <translation>关闭窗口(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&lt;b&gt;The proxy is not running.&lt;/b&gt; %1&lt;br&gt;Free the port or change the host or port in Settings, then restart it.</source>
        <translation>&lt;b&gt;代理未运行。&lt;/b&gt;%1&lt;br&gt;请释放该端口，或在“设置”中更改主机或端口，然后重启代理。</translation>
    </message>
    <message>
        <source>&amp;Restart proxy</source>
        <translation>重启代理(&amp;R)</translation>
    </message>
    <message>
        <source>&lt;b&gt;The proxy is stopped.&lt;/b&gt; Clients cannot reach it until it is started.</source>
        <translation>&lt;b&gt;代理已停止。&lt;/b&gt;启动之前，客户端无法连接。</translation>
    </message>
    <message>
        <source>&amp;Start proxy</source>
        <translation>启动代理(&amp;S)</translation>
    </message>
    <message>
        <source>&lt;b&gt;The system keychain is unavailable&lt;/b&gt; (%1), so your accounts&apos; secrets cannot be read and the proxy does not start. Unlock the keyring and retry, or keep the secrets in a file only you can read.</source>
        <translation>&lt;b&gt;系统钥匙串不可用&lt;/b&gt;（%1），因此无法读取账号密钥，代理不会启动。请解锁密钥环后重试，或将密钥保存在只有你能读取的文件中。</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Welcome to Kiro Tray</source>
        <translation>欢迎使用 Kiro Tray</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Endpoint:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API 密钥：</translation>
    </message>
    <message>
        <source>Activity:</source>
        <translation>活动：</translation>
    </message>
    <message>
        <source>Requests, last 24 hours</source>
        <translation>最近 24 小时的请求</translation>
    </message>
    <message>
        <source>Client setup</source>
        <translation>客户端配置</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>New API key</source>
        <translation>新的 API 密钥</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source># Claude Code (shell)
</source>
        <translation># Claude Code（终端）
</translation>
    </message>
    <message>
        <source>
# Claude Code (~/.claude/settings.json)
</source>
        <translation>
# Claude Code（~/.claude/settings.json）
</translation>
    </message>
    <message>
        <source>
# Anthropic SDK (Python)
</source>
        <translation>
# Anthropic SDK（Python）
</translation>
    </message>
    <message>
        <source>The key was not changed: %1</source>
        <translation>密钥未更改：%1</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <source>Copy shell &amp;lines</source>
        <translation>复制终端命令(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Configure Claude Code…</source>
        <translation>配置 Claude Code(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Remove from Claude Code…</source>
        <translation>从 Claude Code 中移除(&amp;R)…</translation>
    </message>
    <message>
        <source>&lt;b&gt;1.&lt;/b&gt; Import a Kiro account (paste the JSON Kiro exported, or use your Kiro IDE login).&lt;br&gt;&lt;b&gt;2.&lt;/b&gt; Point your client at the endpoint below — for Claude Code, press &lt;i&gt;Configure Claude Code…&lt;/i&gt; or paste the shell lines of the setup block.</source>
        <translation>&lt;b&gt;1.&lt;/b&gt; 导入一个 Kiro 账号（粘贴 Kiro 导出的 JSON，或使用你的 Kiro IDE 登录信息）。&lt;br&gt;&lt;b&gt;2.&lt;/b&gt; 让客户端使用下方的地址 — 对于 Claude Code，点击&lt;i&gt;配置 Claude Code…&lt;/i&gt;，或粘贴“客户端配置”中的终端命令。</translation>
    </message>
    <message>
        <source>&amp;Import an account…</source>
        <translation>导入账号(&amp;I)…</translation>
    </message>
    <message>
        <source>none — only local clients can connect</source>
        <translation>无 — 仅本机客户端可以连接</translation>
    </message>
    <message>
        <source>&amp;New key…</source>
        <translation>新建密钥(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Hide</source>
        <translation>隐藏(&amp;H)</translation>
    </message>
    <message>
        <source>Clients using the current key stop working until you give them the new one.</source>
        <translation>使用当前密钥的客户端将无法工作，直到你为它们换上新密钥。</translation>
    </message>
    <message>
        <source>Make a new key</source>
        <translation>生成新密钥</translation>
    </message>
    <message>
        <source>No key is set: any local client can connect.</source>
        <translation>未设置密钥：任何本机客户端都可以连接。</translation>
    </message>
    <message>
        <source>The proxy is not listening, so there is no endpoint to copy.</source>
        <translation>代理未在监听，没有可复制的地址。</translation>
    </message>
    <message>
        <source>not listening</source>
        <translation>未监听</translation>
    </message>
    <message numerus="yes">
        <source>Today: %Ln request(s) · tokens in %1, out %2</source>
        <translation>
            <numerusform>今日：%Ln 次请求 · Token 输入 %1，输出 %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All time: %Ln request(s), %1 % successful · %2 tokens · up %3</source>
        <translation>
            <numerusform>累计：%Ln 次请求，成功率 %1 % · %2 Token · 已运行 %3</numerusform>
        </translation>
    </message>
    <message>
        <source>Clients cannot connect: the proxy is not listening.</source>
        <translation>客户端无法连接：代理未在监听。</translation>
    </message>
    <message>
        <source>Requests are refused until you resume the proxy.</source>
        <translation>在恢复代理之前，所有请求都会被拒绝。</translation>
    </message>
    <message>
        <source>no accounts yet</source>
        <translation>还没有账号</translation>
    </message>
    <message>
        <source>Import a Kiro account to serve requests.</source>
        <translation>导入一个 Kiro 账号即可处理请求。</translation>
    </message>
    <message numerus="yes">
        <source>none of %n account(s) usable</source>
        <translation>
            <numerusform>%n 个账号均不可用</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n account(s) usable</source>
        <translation>
            <numerusform>%n 个账号中 %1 个可用</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) usable</source>
        <translation>
            <numerusform>%n 个账号可用</numerusform>
        </translation>
    </message>
    <message>
        <source># The proxy is not listening: there is no endpoint to give to clients yet.
</source>
        <translation># 代理未在监听：暂时没有可提供给客户端的地址。
</translation>
    </message>
    <message>
        <source>The proxy is not listening, so there is no endpoint to write.</source>
        <translation>代理未在监听，没有可写入的地址。</translation>
    </message>
    <message>
        <source>Writes the endpoint and the key into %1, after showing the change.</source>
        <translation>先显示更改内容，再将地址和密钥写入 %1。</translation>
    </message>
    <message>
        <source>Takes this proxy&apos;s endpoint and key out of %1 again.</source>
        <translation>从 %1 中移除此代理的地址和密钥。</translation>
    </message>
    <message>
        <source>%1 cannot be changed: %2</source>
        <translation>无法修改 %1：%2</translation>
    </message>
    <message>
        <source>Claude Code uses this proxy (%1).</source>
        <translation>Claude Code 正在使用此代理（%1）。</translation>
    </message>
    <message>
        <source>Claude Code is not set up to use this proxy yet.</source>
        <translation>Claude Code 尚未配置为使用此代理。</translation>
    </message>
    <message>
        <source>The port is chosen anew at each start: set a fixed port in Settings so that Claude Code still finds the proxy after a restart.</source>
        <translation>每次启动都会重新选择端口：请在“设置”中指定固定端口，以便重启后 Claude Code 仍能找到代理。</translation>
    </message>
    <message>
        <source>Configure Claude Code</source>
        <translation>配置 Claude Code</translation>
    </message>
    <message>
        <source>%1 was not changed.

%2</source>
        <translation>%1 未作更改。

%2</translation>
    </message>
    <message>
        <source>Claude Code already uses this proxy (%1).</source>
        <translation>Claude Code 已在使用此代理（%1）。</translation>
    </message>
    <message>
        <source>Claude Code now uses this proxy (%1). Restart Claude Code to pick it up.</source>
        <translation>Claude Code 现已使用此代理（%1）。重启 Claude Code 后生效。</translation>
    </message>
    <message>
        <source>Claude Code now uses this proxy (%1; the previous file is kept as %2). Restart Claude Code to pick it up.</source>
        <translation>Claude Code 现已使用此代理（%1；原文件已保留为 %2）。重启 Claude Code 后生效。</translation>
    </message>
    <message>
        <source>Remove from Claude Code</source>
        <translation>从 Claude Code 中移除</translation>
    </message>
    <message>
        <source>This proxy was taken out of %1.</source>
        <translation>已从 %1 中移除此代理。</translation>
    </message>
</context>
<context>
    <name>ProxyServer</name>
    <message>
        <source>refusing to listen on %1 without an API key: it would expose your Kiro quota to the network; set an API key (apiKey or API_KEY) first, or listen on 127.0.0.1</source>
        <translation>拒绝在没有 API 密钥的情况下监听 %1：这会把你的 Kiro 额度暴露给网络；请先设置 API 密钥（apiKey 或 API_KEY），或改为监听 127.0.0.1</translation>
    </message>
    <message>
        <source>cannot listen on %1:%2: %3</source>
        <translation>无法在 %1:%2 上监听：%3</translation>
    </message>
</context>
<context>
    <name>ProxyService</name>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Kiro Tray</source>
        <translation>Kiro Tray</translation>
    </message>
    <message>
        <source>The configuration cannot be read:
%1</source>
        <translation>无法读取配置：
%1</translation>
    </message>
    <message>
        <source>No API key</source>
        <translation>没有 API 密钥</translation>
    </message>
    <message>
        <source>Kiro Tray could not create its API key (%1). The proxy answers on this machine only, without a key, until Settings can be saved.</source>
        <translation>Kiro Tray 无法创建 API 密钥（%1）。在设置可以保存之前，代理仅在本机无密钥地应答。</translation>
    </message>
</context>
<context>
    <name>QuotaChart</name>
    <message>
        <source>No quota readings yet. Each quota refresh adds one (at most one an hour).</source>
        <translation>还没有配额记录。每次刷新配额都会添加一条（每小时最多一条）。</translation>
    </message>
</context>
<context>
    <name>QuotaHistory</name>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not valid JSON and was ignored</source>
        <translation>%1 不是有效的 JSON，已忽略</translation>
    </message>
    <message>
        <source>%1 has an unknown version and was ignored</source>
        <translation>%1 的版本无法识别，已忽略</translation>
    </message>
    <message>
        <source>%1 has no accounts and was ignored</source>
        <translation>%1 中没有账号，已忽略</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n unreadable reading(s) ignored</source>
        <translation>
            <numerusform>%1：已忽略 %n 条无法读取的记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReloginDialog</name>
    <message>
        <source>Use the &amp;Kiro IDE login</source>
        <translation>使用 Kiro IDE 登录信息(&amp;K)</translation>
    </message>
    <message>
        <source>Sign in again — %1</source>
        <translation>重新登录 — %1</translation>
    </message>
    <message>
        <source>Paste the new credential JSON of %1, or sign in to the Kiro IDE on this computer with that account and use its login. The account keeps its name, counters and quota history.</source>
        <translation>粘贴 %1 的新凭证 JSON，或在本机的 Kiro IDE 中用该账号登录，然后使用其登录信息。账号会保留名称、计数和配额历史。</translation>
    </message>
    <message>
        <source>{&quot;refreshToken&quot;: &quot;…&quot;, …}</source>
        <translation>{&quot;refreshToken&quot;: &quot;…&quot;, …}</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message numerus="yes">
        <source>Paste the login of this one account (found %n).</source>
        <translation>
            <numerusform>请只粘贴这一个账号的登录信息（找到了 %n 个）。</numerusform>
        </translation>
    </message>
    <message>
        <source>No Kiro IDE login was found on this computer.</source>
        <translation>本机上未找到 Kiro IDE 登录信息。</translation>
    </message>
    <message>
        <source>Checking the login with Kiro…</source>
        <translation>正在向 Kiro 校验登录…</translation>
    </message>
    <message>
        <source>Not signed in: %1</source>
        <translation>未登录：%1</translation>
    </message>
</context>
<context>
    <name>RequestChart</name>
    <message>
        <source>Requests in the last 24 hours</source>
        <translation>最近 24 小时的请求</translation>
    </message>
    <message>
        <source>No requests in the last 24 hours</source>
        <translation>最近 24 小时没有请求</translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s) in the last 24 hours, %1 failed</source>
        <translation>
            <numerusform>最近 24 小时共 %Ln 次请求，%1 次失败</numerusform>
        </translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>%1: no requests</source>
        <translation>%1：无请求</translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln request(s)</source>
        <translation>
            <numerusform>%1：%Ln 次请求</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln request(s), %2 failed</source>
        <translation>
            <numerusform>%1：%Ln 次请求，%2 次失败</numerusform>
        </translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message numerus="yes">
        <source>peak %Ln per hour</source>
        <translation>
            <numerusform>峰值每小时 %Ln 次</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RequestLog</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>SettingDescriptor</name>
    <message>
        <source>Choose a number from %1 to %2.</source>
        <translation>请输入 %1 到 %2 之间的数字。</translation>
    </message>
    <message>
        <source>“%1” is not an IP address. Use 127.0.0.1 for this computer only, 0.0.0.0 for every network, or “localhost”.</source>
        <translation>“%1”不是 IP 地址。127.0.0.1 表示仅限本机，0.0.0.0 表示所有网络，也可以填“localhost”。</translation>
    </message>
    <message>
        <source>This must be an http(s) address such as https://q.{region}.amazonaws.com ({region} is filled in).</source>
        <translation>必须是 http(s) 地址，例如 https://q.{region}.amazonaws.com（{region} 会自动填入）。</translation>
    </message>
    <message>
        <source>Write the proxy as http://host:port, https://host:port or socks5://host:port, or “direct” for none.</source>
        <translation>代理应写作 http://主机:端口、https://主机:端口 或 socks5://主机:端口；不使用代理则填“direct”。</translation>
    </message>
    <message>
        <source>This cannot be empty.</source>
        <translation>此项不能为空。</translation>
    </message>
    <message>
        <source>Choose one of the offered values.</source>
        <translation>请从给出的选项中选择一个。</translation>
    </message>
    <message>
        <source>Open access is only allowed while the proxy listens on this computer only (127.0.0.1). Choose the API key, or listen on 127.0.0.1.</source>
        <translation>只有代理仅在本机（127.0.0.1）监听时才允许开放访问。请选择 API 密钥，或改为在 127.0.0.1 上监听。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Keep a Claude Code session on one account while it is healthy</source>
        <translation>同一 Claude Code 会话在账号正常时固定使用该账号</translation>
    </message>
    <message>
        <source>Start Kiro Tray when I log in</source>
        <translation>登录系统时启动 Kiro Tray</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>任意空闲端口</translation>
    </message>
    <message>
        <source>http://host:port, socks5://host:port or direct</source>
        <translation>http://主机:端口、socks5://主机:端口 或 direct</translation>
    </message>
    <message>
        <source>Automatic (OS keychain)</source>
        <translation>自动（系统钥匙串）</translation>
    </message>
    <message>
        <source>OS keychain only</source>
        <translation>仅系统钥匙串</translation>
    </message>
    <message>
        <source>File secrets.json (mode 0600)</source>
        <translation>文件 secrets.json（权限 0600）</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Listen on:</source>
        <translation>监听地址：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API 密钥：</translation>
    </message>
    <message>
        <source>Kiro</source>
        <translation>Kiro</translation>
    </message>
    <message>
        <source>Region:</source>
        <translation>区域：</translation>
    </message>
    <message>
        <source>Chat endpoint:</source>
        <translation>对话接口地址：</translation>
    </message>
    <message>
        <source>Social sign-in endpoint:</source>
        <translation>社交登录接口地址：</translation>
    </message>
    <message>
        <source>IdC sign-in endpoint:</source>
        <translation>IdC 登录接口地址：</translation>
    </message>
    <message>
        <source>Outbound proxy:</source>
        <translation>出站代理：</translation>
    </message>
    <message>
        <source>Proxy user:</source>
        <translation>代理用户名：</translation>
    </message>
    <message>
        <source>Proxy password:</source>
        <translation>代理密码：</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Strategy:</source>
        <translation>调度策略：</translation>
    </message>
    <message>
        <source>Secret storage:</source>
        <translation>密钥存储：</translation>
    </message>
    <message>
        <source>Desktop</source>
        <translation>桌面</translation>
    </message>
    <message>
        <source>Request log size:</source>
        <translation>请求日志条数：</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation>未应用：%1</translation>
    </message>
    <message>
        <source>Settings applied.</source>
        <translation>设置已应用。</translation>
    </message>
    <message>
        <source>Settings applied, but start at login failed: %1</source>
        <translation>设置已应用，但开机启动设置失败：%1</translation>
    </message>
    <message>
        <source>Takes effect when Kiro Tray starts again: %1.</source>
        <translation>下次启动 Kiro Tray 时生效：%1。</translation>
    </message>
    <message>
        <source>Round robin</source>
        <translation>轮询</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Least used</source>
        <translation>最少使用</translation>
    </message>
    <message>
        <source>Use one account until it runs out</source>
        <translation>用完一个账号再换下一个</translation>
    </message>
    <message>
        <source>Sign-in connect timeout (ms):</source>
        <translation>登录连接超时（毫秒）：</translation>
    </message>
    <message>
        <source>Sign-in and quota timeout (ms):</source>
        <translation>登录与配额请求超时（毫秒）：</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <source>Listening on %1 would let anyone on your network use your Kiro quota: set an API key first, or listen on 127.0.0.1.</source>
        <translation>监听 %1 会让你网络中的任何人都能使用你的 Kiro 配额：请先设置 API 密钥，或改为监听 127.0.0.1。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Changed — not applied yet</source>
        <translation>已更改 — 尚未应用</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Apply %n change(s)</source>
        <translation>
            <numerusform>应用 %n 项更改(&amp;A)</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>应用(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>还原(&amp;R)</translation>
    </message>
    <message numerus="yes">
        <source>%n unapplied change(s) in here.</source>
        <translation>
            <numerusform>此处有 %n 项未应用的更改。</numerusform>
        </translation>
    </message>
    <message>
        <source>Region, endpoints, outbound proxy and timeouts: rarely needed.</source>
        <translation>区域、接口地址、出站代理和超时：一般无需修改。</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not applied yet.</source>
        <translation>
            <numerusform>%n 项更改尚未应用。</numerusform>
        </translation>
    </message>
    <message>
        <source>Port %1 is already in use by another program. Choose another port, or 0 for any free port.</source>
        <translation>端口 %1 已被其他程序占用。请选择其他端口，或填 0 使用任意空闲端口。</translation>
    </message>
    <message>
        <source>This computer cannot listen on %1: %2</source>
        <translation>本机无法在 %1 上监听：%2</translation>
    </message>
    <message>
        <source>Chat connect timeout (ms):</source>
        <translation>对话连接超时（毫秒）：</translation>
    </message>
    <message>
        <source>First answer byte timeout (ms):</source>
        <translation>首字节响应超时（毫秒）：</translation>
    </message>
    <message>
        <source>Stream silence timeout (ms):</source>
        <translation>流式无数据超时（毫秒）：</translation>
    </message>
    <message>
        <source>Outbound proxy</source>
        <translation>出站代理</translation>
    </message>
    <message>
        <source>Timeouts</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>one sentence after another</comment>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the names of settings</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>API key (Authorization: Bearer)</source>
        <translation>API 密钥（Authorization: Bearer）</translation>
    </message>
    <message>
        <source>None (this computer only)</source>
        <translation>无需密钥（仅限本机）</translation>
    </message>
    <message>
        <source>Prometheus /metrics access:</source>
        <translation>Prometheus /metrics 访问方式：</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>监控</translation>
    </message>
</context>
<context>
    <name>TokenRefresher</name>
    <message>
        <source>the refresh token is missing</source>
        <translation>缺少刷新令牌</translation>
    </message>
    <message>
        <source>the refresh token is truncated (contains &quot;...&quot;); copy the full token</source>
        <translation>刷新令牌被截断了（含有“...”）；请复制完整的令牌</translation>
    </message>
    <message>
        <source>the refresh token is too short (%1 characters; real ones have 100 or more)</source>
        <translation>刷新令牌太短（%1 个字符；真实的令牌至少有 100 个字符）</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <source>Kiro Tray is still running</source>
        <translation>Kiro Tray 仍在运行</translation>
    </message>
    <message>
        <source>The proxy keeps serving in the background. Use the tray icon to open the window or quit.</source>
        <translation>代理会在后台继续服务。可通过托盘图标打开窗口或退出。</translation>
    </message>
    <message>
        <source>Open Kiro Tray</source>
        <translation>打开 Kiro Tray</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>调度策略</translation>
    </message>
    <message>
        <source>Copy endpoint</source>
        <translation>复制地址</translation>
    </message>
    <message>
        <source>Copy Claude Code settings</source>
        <translation>复制 Claude Code 配置</translation>
    </message>
    <message>
        <source>Pause proxy</source>
        <translation>暂停代理</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Resume proxy</source>
        <translation>恢复代理</translation>
    </message>
    <message>
        <source>Strategy not changed</source>
        <translation>策略未更改</translation>
    </message>
    <message>
        <source>Start proxy</source>
        <translation>启动代理</translation>
    </message>
    <message>
        <source>About Kiro Tray</source>
        <translation>关于 Kiro Tray</translation>
    </message>
    <message>
        <source>Kiro Tray — %1</source>
        <translation>Kiro Tray — %1</translation>
    </message>
    <message>
        <source>Not listening</source>
        <translation>未监听</translation>
    </message>
    <message>
        <source>Strategy: %1</source>
        <translation>调度策略：%1</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln account(s) usable</source>
        <translation>
            <numerusform>%Ln 个账号中 %1 个可用</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s) today</source>
        <translation>
            <numerusform>今日 %Ln 次请求</numerusform>
        </translation>
    </message>
    <message>
        <source>The proxy is stopped.</source>
        <translation>代理已停止。</translation>
    </message>
    <message>
        <source>No account yet: import one.</source>
        <translation>还没有账号：请导入一个。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln account(s) almost out of quota</source>
        <translation>
            <numerusform>%Ln 个账号配额即将用完</numerusform>
        </translation>
    </message>
    <message>
        <source>Restart proxy</source>
        <translation>重启代理</translation>
    </message>
    <message>
        <source>Import account…</source>
        <translation>导入账号…</translation>
    </message>
    <message>
        <source>No accounts yet: import one to start serving.</source>
        <translation>还没有账号：导入一个账号即可开始服务。</translation>
    </message>
</context>
<context>
    <name>UpstreamError</name>
    <message>
        <source>This Kiro account has used up its monthly request limit.</source>
        <translation>此 Kiro 账号本月的请求额度已用完。</translation>
    </message>
    <message>
        <source>Kiro has suspended this account.</source>
        <translation>Kiro 已暂停此账号。</translation>
    </message>
    <message>
        <source>Kiro refused the account&apos;s credentials (HTTP %1).</source>
        <translation>Kiro 拒绝了此账号的凭证（HTTP %1）。</translation>
    </message>
    <message>
        <source>The refresh token cannot be used (it is missing, cut short or incomplete); import the account again.</source>
        <translation>刷新令牌无法使用（缺失、被截断或不完整）；请重新导入此账号。</translation>
    </message>
    <message>
        <source>The login has expired or was revoked; import the account again.</source>
        <translation>登录已过期或已被撤销；请重新导入此账号。</translation>
    </message>
    <message>
        <source>Kiro is limiting how fast this account may send requests; try again in a moment.</source>
        <translation>Kiro 正在限制此账号的请求频率；请稍后再试。</translation>
    </message>
    <message>
        <source>Kiro is overloaded right now; try again shortly.</source>
        <translation>Kiro 当前负载过高；请稍后再试。</translation>
    </message>
    <message>
        <source>The conversation is longer than the model can take.</source>
        <translation>对话长度超出了模型能处理的上限。</translation>
    </message>
    <message>
        <source>Kiro does not offer this model to the account.</source>
        <translation>Kiro 不向此账号提供该模型。</translation>
    </message>
    <message>
        <source>Kiro rejected the request (HTTP %1).</source>
        <translation>Kiro 拒绝了该请求（HTTP %1）。</translation>
    </message>
    <message>
        <source>Cannot reach Kiro: %1</source>
        <translation>无法连接 Kiro：%1</translation>
    </message>
    <message>
        <source>Kiro did not answer in time; try again shortly.</source>
        <translation>Kiro 没有及时响应；请稍后再试。</translation>
    </message>
    <message>
        <source>Kiro had a server error (HTTP %1); try again shortly.</source>
        <translation>Kiro 服务器出错（HTTP %1）；请稍后再试。</translation>
    </message>
    <message>
        <source>Kiro&apos;s sign-in service did not answer in time; try again shortly.</source>
        <translation>Kiro 登录服务没有及时响应；请稍后再试。</translation>
    </message>
    <message>
        <source>Kiro&apos;s answer broke off before it was complete.</source>
        <translation>Kiro 的回答在完成前中断了。</translation>
    </message>
    <message>
        <source>The connection to Kiro was lost before the answer was complete.</source>
        <translation>回答完成前与 Kiro 的连接断开了。</translation>
    </message>
    <message>
        <source>The account&apos;s sign-in details are incomplete (an IAM Identity Center or Builder ID account needs its client ID and client secret); import it again.</source>
        <translation>此账号的登录信息不完整（IAM Identity Center 或 Builder ID 账号需要客户端 ID 和客户端密钥）；请重新导入。</translation>
    </message>
    <message>
        <source>Kiro&apos;s answer could not be read.</source>
        <translation>无法读取 Kiro 的回答。</translation>
    </message>
    <message>
        <source>Kiro answered with an unexpected error (HTTP %1).</source>
        <translation>Kiro 返回了意外的错误（HTTP %1）。</translation>
    </message>
    <message>
        <source>%1 Kiro: “%2”</source>
        <comment>a sentence, then Kiro&apos;s own words</comment>
        <translation>%1Kiro 原文：“%2”</translation>
    </message>
</context>
</TS>
