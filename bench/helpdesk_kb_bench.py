#!/usr/bin/env python3
# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark of the knowledge base's help centre: search and suggestions.

Goals: at 100,000 articles, the help centre's search page (``/help/search``)
answers in under 50 ms and the suggestions of the ticket forms
(``/help/suggest``) in under 30 ms (server time, median).

Builds a scratch database with helpdesk_base and helpdesk_portal, Russian
activated, 12 categories, 5 teams and a portal customer, then inserts in SQL
``--articles`` articles, each of one of 12 topics (its category): a title of 3
to 5 words of its topic and a body of 60 to 160 words — two thirds generic words
(the first ones of the list the most often: "the" is in every article), the
others its title's and its topic's words, a few of any topic — from a vocabulary
of 280 words, in English and, for 4 articles in 5, in Russian. 90 % are
published: 60 % public, 25 % portal, 15 % internal; a quarter help one or two
teams only, a tenth belong to one company (half of them another one). Then it
builds the articles' full-text documents (``helpdesk.article.search``, as the ORM
does on every write) and ANALYZEs. It prints the GIN indexes (the articles'
trigram ones, the documents' full-text ones) and the EXPLAIN ANALYZE plan of the
full-text queries of ``_help_search`` and
``_help_suggest`` as a visitor (search in English and in Russian, suggestions in
Russian for one team), with whether they use those indexes.

Then it starts Odoo (threaded, one process) on a free 127.0.0.1 port and
requests, after a warm-up, ``--runs`` times each: ``/help/search?q=`` with 2-3
words as a visitor and as the signed-in customer, in English and in Russian
(``/ru/help/search``), and ``/help/suggest`` (JSON-RPC) with a subject of a few
words, the same four ways (Russian through the ``frontend_lang`` cookie, as the
ticket forms send it; the customer's for one team). Server time and SQL time come
from Odoo's request log line; the round trip is timed by the client. It prints
median and 95th percentile per case and the ratio of the server median to the
goal, and exits 1 when a goal is missed. The suggestion rate limits are switched
off in the scratch database (the benchmark asks far more often than a person).

Usage: python3 bench/helpdesk_kb_bench.py [--articles N] [--runs N]
       [--keep-db | --reuse-db] [--db NAME]
"""

import argparse
import http.cookiejar
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from _common import bs, scratch_database, wait_up

DB = "hd_kbb_bench"
ADDONS = ("helpdesk_base", "helpdesk_portal")
SEARCH_GOAL_MS = 50.0
SUGGEST_GOAL_MS = 30.0
LOGIN = "bench_kb_portal"
PASSWORD = "bench-kb-portal-password"
# werkzeug line as patched by Odoo: "... "GET /path HTTP/1.1" 200 - queries sql_s py_s"
REQUEST_LINE = re.compile(
    r'"(?P<method>GET|POST) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d+) - '
    r"(?P<queries>\d+) (?P<sql>[\d.]+) (?P<python>[\d.]+)"
)

# (English, Russian) words: generic ones (the most common first), then 12 topics of
# 20 words; an article is of one topic (its category): its title is 3 to 5 words
# of it, its body mostly generic words, its title's words and other words of it
GENERIC = """
the:это and:и to:в your:ваш you:вы with:с for:для this:этот not:не can:можно
after:после when:когда how:как please:пожалуйста check:проверьте open:откройте
click:нажмите select:выберите then:затем new:новый help:помощь account:аккаунт
error:ошибка settings:настройки update:обновление user:пользователь
support:поддержка message:сообщение page:страница button:кнопка menu:меню
step:шаг again:снова problem:проблема issue:вопрос time:время need:нужно
use:используйте first:сначала more:подробнее
"""
TOPICS = """
password:пароль login:вход reset:сброс username:логин email:почта verify:проверка
code:код token:токен identity:личность profile:профиль signature:подпись
permission:разрешение role:роль access:доступ locked:заблокирован session:сеанс
authenticator:аутентификатор security:безопасность recovery:восстановление
expired:истёк
--
printer:принтер paper:бумага jam:замятие toner:тонер scanner:сканер print:печать
copy:копия tray:лоток cartridge:картридж driver:драйвер queue:очередь
duplex:двусторонняя spooler:спулер colour:цвет ink:чернила label:этикетка
feed:подача roller:ролик offline:офлайн document:документ
--
invoice:счёт payment:оплата refund:возврат receipt:чек bank:банк card:карта
transfer:перевод balance:баланс credit:кредит fee:комиссия charge:списание
overdue:просрочка tax:налог vat:ндс currency:валюта discount:скидка coupon:купон
price:цена wallet:кошелёк statement:выписка
--
wireless:беспроводной router:роутер signal:сигнал connection:подключение
network:сеть proxy:прокси vpn:впн firewall:брандмауэр dns:днс domain:домен
ssl:шифрование bandwidth:трафик speed:скорость cable:кабель modem:модем
ethernet:эзернет hotspot:точка latency:задержка packet:пакет gateway:шлюз
--
order:заказ delivery:доставка shipping:отправка tracking:отслеживание
parcel:посылка warehouse:склад stock:остаток product:товар warranty:гарантия
return:возвращение exchange:обмен damage:повреждение missing:отсутствует
wrong:неверный item:позиция size:размер courier:курьер address:адрес cart:корзина
checkout:оформление
--
laptop:ноутбук tablet:планшет phone:телефон battery:батарея charger:зарядка
screen:экран keyboard:клавиатура mouse:мышь camera:камера microphone:микрофон
headset:гарнитура speaker:динамик bluetooth:блютуз usb:юэсби monitor:монитор
display:дисплей brightness:яркость touch:касание repair:ремонт replacement:замена
--
install:установка application:приложение version:версия release:выпуск
patch:исправление firmware:прошивка crash:сбой freeze:зависание
restart:перезапуск windows:виндовс linux:линукс macos:макос android:андроид
iphone:айфон browser:браузер license:лицензия upgrade:повышение
download:скачивание bug:баг compatibility:совместимость
--
inbox:входящие spam:спам attachment:вложение forward:пересылка reply:ответ
filter:фильтр rule:правило calendar:календарь meeting:встреча
invitation:приглашение reminder:напоминание contact:контакт mailbox:ящик
quota:квота alias:псевдоним newsletter:рассылка bounce:отказ outlook:аутлук
sync:синхронизация notification:уведомление
--
cloud:облако storage:хранилище backup:резерв file:файл folder:папка
upload:загрузка share:общий link:ссылка archive:архив restore:восстановить
database:база export:экспорт import:импорт format:формат space:место
deletion:удаление trash:удалённые drive:диск photo:фото gallery:галерея
--
subscription:подписка plan:тариф trial:пробный renewal:продление
expiry:истечение activation:активация cancel:отмена tier:уровень
seats:рабочие_места contract:договор customer:клиент team:команда
manager:менеджер agent:агент admin:администратор invite:пригласить
member:участник company:компания limit:лимит pricing:тарификация
--
ticket:заявка chat:чат call:звонок callback:перезвон waiting:ожидание hours:часы
holiday:праздник office:офис branch:филиал priority:приоритет deadline:срок
escalation:эскалация status:статус feedback:отзыв survey:опрос rating:оценка
complaint:жалоба urgent:срочно appointment:запись booking:бронирование
--
privacy:конфиденциальность consent:согласие cookie:куки gdpr:регламент
audit:аудит log:журнал history:история website:сайт hosting:хостинг
migration:миграция search:поиск dashboard:панель report:отчёт chart:график
template:шаблон theme:тема font:шрифт image:изображение language:язык
translation:перевод_текста
"""
GENERIC = [tuple(pair.split(":")) for pair in GENERIC.split()]
TOPICS = [
    [tuple(pair.split(":")) for pair in topic.split()] for topic in TOPICS.split("--")
]
TOPIC_WORDS = 20

# what readers type: 2-3 words for the search, a few words for a subject
SEARCH_EN = (
    "password reset",
    "printer paper jam",
    "invoice payment",
    "wireless router signal",
    "refund order delivery",
)
SEARCH_RU = (
    "сброс пароль",
    "принтер бумага замятие",
    "счёт оплата",
    "беспроводной роутер сигнал",
    "возврат заказ доставка",
)
SUGGEST_EN = (
    "cannot reset my password after the update",
    "the printer shows a paper jam error",
    "my invoice payment was charged twice",
    "slow wireless connection on my laptop",
    "where is my order delivery",
)
SUGGEST_RU = (
    "не могу сбросить пароль после обновление",
    "принтер показывает ошибка замятие бумага",
    "оплата счёт списание дважды",
    "медленно беспроводной подключение ноутбук",
    "где мой заказ доставка",
)

POPULATE = """
import time
from odoo.fields import Command
from odoo.tools import SQL
started = time.monotonic()
count = {count}
env.cr.execute(SQL("SELECT count(*) FROM helpdesk_article"))
if env.cr.fetchone()[0] >= count:
    print("BENCH_SKIPPED")
    raise SystemExit
vocabulary = {vocabulary!r}
generic, width = {generic}, {width}
env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True,
                       mail_create_nosubscribe=True, mail_notrack=True,
                       no_reset_password=True))
env["res.lang"]._activate_lang("ru_RU")
params = env["ir.config_parameter"].sudo()
for key in ("helpdesk_portal.suggest_rate_limit",
            "helpdesk_portal.suggest_rate_limit_anonymous"):
    params.set_param(key, "0")
teams = env["helpdesk.team"].create(
    [{{"name": f"Bench KB team {{i}}"}} for i in range(5)]
)
Category = env["helpdesk.article.category"]
categories = Category.create([{{"name": f"Bench topic {{i}}"}} for i in range(12)])
for category in categories:
    category.with_context(lang="ru_RU").name = f"Тема {{category.id}}"
other_company = env["res.company"].create({{"name": "Bench KB Other Company"}})
user = env["res.users"].create({{
    "name": "Bench KB Customer", "login": "{login}", "password": "{password}",
    "email": "kb@customer.example.com",
    "group_ids": [Command.set([env.ref("base.group_portal").id])],
}})
env.flush_all()
en = [pair[0].replace("_", " ") for pair in vocabulary]
ru = [pair[1].replace("_", " ") for pair in vocabulary]
env.cr.execute(SQL("SELECT setseed(0.42)"))
# per article (of topic c, its category): indexes in the vocabulary of its title's
# words (3 to 5 of its topic) and of its body's: 65 % generic (the first ones
# the most often), 20 % its title's, 10 % others of its topic, 5 % any
env.cr.execute(SQL(
    \"\"\"
    WITH src AS (
        SELECT g, g %% 12 AS c,
            ARRAY(SELECT %(generic)s + (g %% 12) * %(width)s + 1
                         + (s + 7 * k) %% %(width)s
                  FROM generate_series(0, 2 + g %% 3) AS k) AS t,
            random() AS r1, random() AS r2, random() AS r3
        FROM generate_series(1, %(count)s) AS g,
            LATERAL (SELECT floor(%(width)s * random())::int AS s WHERE g > 0) AS l
    ), words AS (
        SELECT src.*, ARRAY(
            SELECT CASE
                WHEN r < 0.65 THEN least(floor((%(generic)s + 1) ^ random())::int,
                                         %(generic)s)
                WHEN r < 0.85 THEN t[1 + floor(random() * cardinality(t))::int]
                WHEN r < 0.95 THEN %(generic)s + c * %(width)s + 1
                                   + floor(%(width)s * random())::int
                ELSE 1 + floor(%(n)s * random())::int END
            FROM (SELECT random() AS r
                  FROM generate_series(1, 60 + (g * 7) %% 101) WHERE g > 0) AS x
        ) AS b
        FROM src
    ), texts AS (
        SELECT words.*,
            (SELECT initcap(string_agg((%(en)s::text[])[i], ' ' ORDER BY o))
             FROM unnest(t) WITH ORDINALITY AS u(i, o)) AS title_en,
            (SELECT initcap(string_agg((%(ru)s::text[])[i], ' ' ORDER BY o))
             FROM unnest(t) WITH ORDINALITY AS u(i, o)) AS title_ru,
            (SELECT '<p>' || string_agg((%(en)s::text[])[i] || CASE WHEN o %% 20 = 0
                     THEN '.</p><p>' ELSE '' END, ' ' ORDER BY o) || '.</p>'
             FROM unnest(b) WITH ORDINALITY AS u(i, o)) AS body_en,
            (SELECT '<p>' || string_agg((%(ru)s::text[])[i] || CASE WHEN o %% 20 = 0
                     THEN '.</p><p>' ELSE '' END, ' ' ORDER BY o) || '.</p>'
             FROM unnest(b) WITH ORDINALITY AS u(i, o)) AS body_ru
        FROM words
    )
    INSERT INTO helpdesk_article (
        name, body, category_id, sequence, visibility, is_published, author_id,
        last_review_date, view_count, helpful_count, unhelpful_count, company_id,
        active, create_uid, create_date, write_uid, write_date)
    SELECT
        CASE WHEN g %% 5 = 0 THEN jsonb_build_object('en_US', title_en)
             ELSE jsonb_build_object('en_US', title_en, 'ru_RU', title_ru) END,
        CASE WHEN g %% 5 = 0 THEN jsonb_build_object('en_US', body_en)
             ELSE jsonb_build_object('en_US', body_en, 'ru_RU', body_ru) END,
        (%(categories)s::int[])[1 + g %% %(ncat)s],
        10 + g %% 7,
        CASE WHEN r1 < 0.6 THEN 'public' WHEN r1 < 0.85 THEN 'portal'
             ELSE 'internal' END,
        r2 >= 0.1,
        %(uid)s,
        (now() - (g %% 700) * interval '1 day')::date,
        floor(5000 * r3 ^ 3)::int,
        floor(50 * r3)::int,
        floor(10 * r2)::int,
        CASE WHEN g %% 20 = 0 THEN %(company)s WHEN g %% 20 = 1 THEN %(other)s END,
        true, %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
    FROM texts ORDER BY g
    \"\"\",
    n=len(vocabulary), generic=generic, width=width, count=count, en=en, ru=ru,
    categories=categories.ids, ncat=len(categories), uid=env.uid,
    company=env.company.id, other=other_company.id,
))
# a quarter of the articles help one or two teams only
Article = env["helpdesk.article"]
relation = Article._fields["team_ids"]
env.cr.execute(SQL(
    "INSERT INTO %s (%s, %s) "
    "SELECT a.id, (%s::int[])[1 + (a.id + k) %% 5] FROM helpdesk_article a, "
    "generate_series(0, 1) AS k WHERE a.id %% 4 = 0 AND (k = 0 OR a.id %% 3 = 0)",
    SQL.identifier(relation.relation), SQL.identifier(relation.column1),
    SQL.identifier(relation.column2), teams.ids,
))
env.cr.commit()
# the articles were inserted in SQL: build their full-text documents as the
# ORM does on every write (one statement, every active language)
env["helpdesk.article.search"]._refresh()
env.cr.commit()
env.cr.execute(SQL("ANALYZE"))
env.cr.commit()  # the shell rolls back at its end: statistics would be lost
print("BENCH_SECONDS", round(time.monotonic() - started))
"""

EXPLAIN = """
import json
from odoo.tools import SQL
Article = env["helpdesk.article"]
env.cr.execute(SQL(
    "SELECT indexname, indexdef FROM pg_indexes "
    "WHERE tablename IN ('helpdesk_article', 'helpdesk_article_search') "
    "AND indexdef ILIKE '%%gin%%' ORDER BY indexname"
))
for name, definition in env.cr.fetchall():
    print("BENCH_INDEX", json.dumps([name, definition]))
public = env.ref("base.public_user")
team = env["helpdesk.team"].search([("name", "=like", "Bench KB team%%")], limit=1)
cases = [
    ("search, visitor, en", public, "en_US", "_help_search", {search_en!r}, {{}}),
    ("search, visitor, ru", public, "ru_RU", "_help_search", {search_ru!r}, {{}}),
    ("suggest, visitor, ru", public, "ru_RU", "_help_suggest", {suggest_ru!r},
     {{"team": team}}),
]
cursor_class = type(env.cr)
execute = cursor_class.execute
for name, user, lang, method, text, kwargs in cases:
    reader = Article.with_user(user).with_context(lang=lang)
    env.invalidate_all()
    queries = []

    def recording(cr, query, params=None, log_exceptions=True):
        queries.append(cr.mogrify(query, params).decode())
        return execute(cr, query, params, log_exceptions)

    cursor_class.execute = recording
    try:
        found = getattr(reader, method)(text, **kwargs)
    finally:
        cursor_class.execute = execute
    selects = [q for q in queries if q.lstrip().upper().startswith("SELECT")
               and "helpdesk_article_search" in q]
    if not selects:
        print("BENCH_PLAN", json.dumps([name, text, len(found), "", []]))
        continue
    env.cr.execute("EXPLAIN (ANALYZE, BUFFERS) " + selects[0])
    plan = [row[0] for row in env.cr.fetchall()]
    print("BENCH_PLAN", json.dumps([name, text, len(found), selects[0], plan]))
"""


def _shell(env, conf, db, script):
    res = subprocess.run(
        env.odoo_cmd(conf, "-d", db, "--no-http", command="shell"),
        input=script,
        check=False,
        text=True,
        capture_output=True,
    )
    if res.returncode or "Traceback" in res.stderr:
        sys.stderr.write(res.stdout[-3000:] + res.stderr[-5000:])
        raise bs.BootstrapError("an odoo-bin shell script failed")
    return res.stdout


def _populate(env, conf, db, count):
    script = POPULATE.format(
        count=count,
        vocabulary=GENERIC + [pair for topic in TOPICS for pair in topic],
        generic=len(GENERIC),
        width=TOPIC_WORDS,
        login=LOGIN,
        password=PASSWORD,
    )
    bs.step(f"inserting {count} articles in SQL")
    out = _shell(env, conf, db, script)
    if "BENCH_SKIPPED" in out:
        bs.step("articles already there (reused database)")
        return
    seconds = re.search(r"BENCH_SECONDS (\d+)", out)[1]
    bs.step(f"inserted and analyzed in {seconds} s")


def _summary(env, conf, db):
    out = _shell(
        env,
        conf,
        db,
        'from odoo.tools import SQL\nenv.cr.execute(SQL("SELECT count(*), '
        "count(*) FILTER (WHERE is_published), count(*) FILTER (WHERE is_published "
        "AND visibility = 'public'), count(*) FILTER (WHERE is_published AND "
        "visibility = 'portal'), count(*) FILTER (WHERE name ? 'ru_RU'), "
        "pg_size_pretty(pg_total_relation_size('helpdesk_article')) "
        'FROM helpdesk_article"))\nprint("BENCH_ARTICLES", *env.cr.fetchone(), '
        'sep="|")\n',
    )
    total, published, public, portal, russian, size = re.search(
        r"BENCH_ARTICLES\|(.*)", out
    )[1].split("|")
    sys.stdout.write(
        f"\n{total} articles ({size} with indexes): {published} published, of which "
        f"{public} public and {portal} portal; {russian} in Russian too\n"
    )


PLAN_NODE = re.compile(
    r"^\s*(->\s*)?[A-Z][\w ]+(Scan|Join|Sort|Limit|Aggregate|Or|And)"
)


def _explain(env, conf, db):
    out = _shell(
        env,
        conf,
        db,
        EXPLAIN.format(
            search_en=SEARCH_EN[0],
            search_ru=SEARCH_RU[0],
            suggest_ru=SUGGEST_RU[0],
        ),
    )
    sys.stdout.write(
        "\nGIN indexes of the articles (trigram, for the agents' lists) and of "
        "their full-text documents (the help centre's search and suggestions):\n"
    )
    trigram = set()
    for line in out.splitlines():
        if line.startswith("BENCH_INDEX "):
            name, definition = json.loads(line[len("BENCH_INDEX ") :])
            trigram.add(name)
            sys.stdout.write(f"  {name}: {definition.split(' USING ', 1)[-1]}\n")
    all_used = True
    for line in out.splitlines():
        if not line.startswith("BENCH_PLAN "):
            continue
        name, text, found, query, plan = json.loads(line[len("BENCH_PLAN ") :])
        sys.stdout.write(f"\nEXPLAIN ANALYZE of {name} ({text!r}, {found} found):\n")
        if not plan:
            sys.stdout.write(
                "  no full-text query on helpdesk_article_search recorded\n"
            )
            all_used = False
            continue
        for row in plan:
            if PLAN_NODE.match(row) or "Time:" in row:
                sys.stdout.write(f"  {row.rstrip()[:110]}\n")
        used = sorted(
            trigram.intersection(re.findall(r"Index Scan on (\w+)", "\n".join(plan)))
        )
        sys.stdout.write(
            f"  full-text index used: {'yes, ' + ', '.join(used) if used else 'NO'}\n"
        )
        all_used &= bool(used)
    return all_used


def _opener(lang=None):
    jar = http.cookiejar.CookieJar()
    if lang:
        jar.set_cookie(
            http.cookiejar.Cookie(
                version=0,
                name="frontend_lang",
                value=lang,
                port=None,
                port_specified=False,
                domain="127.0.0.1",
                domain_specified=True,
                domain_initial_dot=False,
                path="/",
                path_specified=True,
                secure=False,
                expires=None,
                discard=False,
                comment=None,
                comment_url=None,
                rest={},
            )
        )
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def _rpc(opener, url, params):
    payload = {"jsonrpc": "2.0", "method": "call", "params": params}
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    response = opener.open(request, timeout=120)
    result = json.loads(response.read())
    if "error" in result:
        raise bs.BootstrapError(f"{url}: {result['error']}")
    return result["result"]


def _login(opener, base, db):
    _rpc(
        opener,
        f"{base}/web/session/authenticate",
        {"db": db, "login": LOGIN, "password": PASSWORD},
    )


def _log_line(logfile, offset, wanted):
    """Odoo's request log line of ``wanted`` (a path) written after ``offset``."""
    for _attempt in range(100):
        with open(logfile) as log:
            log.seek(offset)
            for match in map(REQUEST_LINE.search, log):
                if match and match["path"].split("?")[0] == wanted:
                    return match
        time.sleep(0.02)
    raise bs.BootstrapError(f"no request log line for {wanted}")


def _measure(send, path, texts, runs, logfile):
    """Call ``send(text)`` (a request of ``path``) ``runs`` times over ``texts``
    after a warm-up; return (queries, server ms, SQL ms, round trip ms, results)."""
    for text in texts:
        send(text)
    samples = []
    for index in range(runs):
        text = texts[index % len(texts)]
        offset = logfile.stat().st_size
        began = time.perf_counter()
        found = send(text)
        trip = (time.perf_counter() - began) * 1000
        line = _log_line(logfile, offset, path)
        if line["status"] != "200":
            raise bs.BootstrapError(f"{path} answered {line['status']}")
        sql = float(line["sql"]) * 1000
        samples.append(
            (int(line["queries"]), sql + float(line["python"]) * 1000, sql, trip, found)
        )
    return samples


def _search_sender(opener, base, prefix):
    def send(text):
        url = f"{base}{prefix}/help/search?{urllib.parse.urlencode({'q': text})}"
        response = opener.open(url, timeout=120)
        page = response.read().decode()
        if response.status != 200 or "/web/login" in response.geturl():
            raise bs.BootstrapError(f"{url} answered {response.status}")
        return len(set(re.findall(r'href="(?:/\w\w)?/help/article/(\d+)', page)))

    return send


def _suggest_sender(opener, base, team_id):
    def send(text):
        params = {"text": text, "team_id": team_id} if team_id else {"text": text}
        return len(_rpc(opener, f"{base}/help/suggest", params))

    return send


def _percentile95(values):
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def _report(name, samples, goal):
    server = [sample[1] for sample in samples]
    median = statistics.median(server)
    ratio = median / goal
    sys.stdout.write(
        f"{name:<30} {statistics.median(s[0] for s in samples):>3.0f} queries"
        f"  server median {median:6.1f} ms  p95 {_percentile95(server):6.1f}"
        f"  (SQL {statistics.median(s[2] for s in samples):5.1f})"
        f"  round trip {statistics.median(s[3] for s in samples):6.1f}"
        f"  found {min(s[4] for s in samples)}-{max(s[4] for s in samples)}"
        f"  goal < {goal:g} ms ratio {ratio:5.2f} {'PASS' if ratio < 1 else 'FAIL'}\n"
    )
    return ratio < 1


def _team_id(env, conf, db):
    out = _shell(
        env,
        conf,
        db,
        'team = env["helpdesk.team"].search([("name", "=like", "Bench KB team%")],'
        ' order="id", limit=1)\nprint("BENCH_TEAM", team.id)\n',
    )
    return int(re.search(r"BENCH_TEAM (\d+)", out)[1])


def _time_routes(env, conf, db, port, runs):
    team_id = _team_id(env, conf, db)
    base = f"http://127.0.0.1:{port}"
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        logfile = Path(tmp) / "server.log"
        bs.step(f"starting Odoo on {base}")
        with subprocess.Popen(
            env.odoo_cmd(conf, "-d", db, f"--logfile={logfile}"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ) as proc:
            try:
                wait_up(base, proc)
                visitor, visitor_ru = _opener(), _opener("ru_RU")
                customer, customer_ru = _opener(), _opener("ru_RU")
                _login(customer, base, db)
                _login(customer_ru, base, db)
                sys.stdout.write(
                    f"\n{runs} runs per case after a warm-up (server time from "
                    "Odoo's request log; SQL part in brackets; round trip by the "
                    "client on 127.0.0.1)\n\n"
                )
                cases = (
                    ("search, visitor, en", visitor, "", SEARCH_EN),
                    ("search, visitor, ru", visitor, "/ru", SEARCH_RU),
                    ("search, customer, en", customer, "", SEARCH_EN),
                    ("search, customer, ru", customer, "/ru", SEARCH_RU),
                )
                for name, opener, prefix, texts in cases:
                    samples = _measure(
                        _search_sender(opener, base, prefix),
                        f"{prefix}/help/search",
                        texts,
                        runs,
                        logfile,
                    )
                    ok &= _report(name, samples, SEARCH_GOAL_MS)
                cases = (
                    ("suggest, visitor, en", visitor, None, SUGGEST_EN),
                    ("suggest, visitor, ru", visitor_ru, None, SUGGEST_RU),
                    ("suggest, customer, en, team", customer, team_id, SUGGEST_EN),
                    ("suggest, customer, ru, team", customer_ru, team_id, SUGGEST_RU),
                )
                for name, opener, team, texts in cases:
                    samples = _measure(
                        _suggest_sender(opener, base, team),
                        "/help/suggest",
                        texts,
                        runs,
                        logfile,
                    )
                    ok &= _report(name, samples, SUGGEST_GOAL_MS)
            finally:
                proc.terminate()
                proc.wait(timeout=60)
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--db", default=DB)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument(
        "--reuse-db",
        action="store_true",
        help="measure a database kept by --keep-db again (no new install)",
    )
    args = parser.parse_args()
    port = bs._free_port()
    conf_extra = {"http_port": str(port), "log_level": "info"}
    with scratch_database(
        args.db,
        ADDONS,
        conf_extra,
        keep=args.keep_db or args.reuse_db,
        reuse=args.reuse_db,
    ) as (env, conf):
        _populate(env, conf, args.db, args.articles)
        _summary(env, conf, args.db)
        indexed = _explain(env, conf, args.db)
        ok = _time_routes(env, conf, args.db, port, args.runs)
        sys.stdout.write(
            f"\nfull-text indexes used by every query: {'yes' if indexed else 'NO'}\n"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
