"""Reports what the demo built, by asking the running node through its public HTTP API.

Run by ops/demo after the scenario is loaded:
    demo-report.py SCENARIO BASE_URL NATS_URL LADDER_BINARY DATA_DIR [FIXTURES_DIR]

It checks that the read models hold what the scenario sent (the demo doubles as a smoke
test), ingests the real Moodle xAPI statements of the shared fixtures for two demo people
when FIXTURES_DIR is given, prints five people's competency levels with the rule behind
each, a slate for a critical position, bench strength and the programme metrics, and how to
query the node. Exits non-zero when the node disagrees with the scenario.
"""

import collections
import datetime
import json
import pathlib
import sys
import urllib.error
import urllib.request
import uuid

scenario, base, nats_url, binary, data_dir = sys.argv[1:6]
fixtures = pathlib.Path(sys.argv[6]) if len(sys.argv) > 6 and sys.argv[6] else None

# The fixtures' accounts live on this LMS; ops/demo starts the node trusting it.
FIXTURE_LMS = "http://www.example.org"
FIXTURE_FILES = [
    "moodle-course-completed.json",
    "moodle-module-completed.json",
    "moodle-badge-achieved.json",
    "moodle-attendance-taken.json",
]
# The HRIS's service identity in the demo; any fixed id will do.
HRIS = "01930000-0000-7000-8000-00000000f001"


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("content-type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as err:
        return err.code, json.load(err)


def get(path):
    status, answer = call("GET", path)
    if status != 200:
        sys.exit(f"GET {path} answered {status}: {answer}")
    return answer


lines = [json.loads(line) for line in open(scenario, encoding="utf-8")]
named = collections.defaultdict(list)
statements = 0
for line in lines:
    if "command" in line:
        named[line["command"]].append(line["body"])
    else:
        batch = line["xapi"]
        statements += len(batch) if isinstance(batch, list) else 1

ergs = [get(f"/v1/ergs/{b['erg_id']}") for b in named["register-erg"]]
budgets = [get(f"/v1/budgets/{b['budget_id']}") for b in named["request-budget"]]
projects = [get(f"/v1/projects/{b['project_id']}") for b in named["start-project"]]
mentorships = [get(f"/v1/mentorships/{b['mentorship_id']}") for b in named["start-mentorship"]]
terms = [term for erg in ergs for term in erg["roles"]]
status = collections.Counter(b["status"] for b in budgets)
closed = [b for b in budgets if b["status"] == "closed"]
under = sum(b["spent_minor"] < b["approved_minor"] for b in closed)
done = collections.Counter(p["status"] for p in projects)
mentored = collections.Counter(m["status"] for m in mentorships)
dates = sorted(
    line["body"]["effective_date"]
    for line in lines
    if "command" in line and line["command"] != "onboard-employee"
)

expected = {
    "ERGs": (len(ergs), len(named["register-erg"])),
    "role terms": (len(terms), len(named["assign-erg-role"])),
    "ended terms": (sum("term_end" in t for t in terms), len(named["end-erg-role"])),
    "closed budgets": (status["closed"], len(named["close-budget"])),
    "rejected budgets": (status["rejected"], len(named["reject-budget"])),
    "completed projects": (done["completed"], len(named["complete-project"])),
    "completed mentorships": (mentored["completed"], len(named["complete-mentorship"])),
}
wrong = {k: v for k, v in expected.items() if v[0] != v[1]}
if wrong:
    sys.exit(f"the read models disagree with the scenario (served, sent): {wrong}")

commands = sum(len(v) for v in named.values())
print(f"  scenario    {commands} commands and {statements} xAPI statements, "
      f"effective {dates[0]} to {dates[-1]}")
print(f"  people      {len(named['onboard-employee'])} onboarded, "
      f"{len(named['link-lms-account'])} linked to the LMS, "
      f"{len(named['record-departure'])} departed")
print(f"  ERGs        {len(ergs)} ({sum(e['sensitive'] for e in ergs)} sensitive)")
for erg in ergs:
    chairs = sum(t["role"] == "chair" for t in erg["roles"])
    own = sum(b["erg_id"] == erg["erg_id"] for b in budgets)
    print(f"    {erg['name']:<38} {len(erg['roles']):>3} role terms, {chairs} chairs, "
          f"{own:>2} budgets")
ended = sum("term_end" in t for t in terms)
print(f"  role terms  {len(terms)} ({ended} ended, {len(terms) - ended} running)")
print(f"  budgets     {len(budgets)}: {status['closed']} closed ({under} under plan, "
      f"{len(closed) - under} over), {status['approved']} approved and open, "
      f"{status['rejected']} rejected")
print(f"  projects    {len(projects)}: {done['completed']} signed off by their sponsor, "
      f"{done['started']} running")
print(f"  mentoring   {len(mentorships)} mentorships, {mentored['completed']} confirmed "
      f"by the mentee")
print(f"  positions   {len(named['define-position'])} defined, "
      f"{len(named['nominate-successor'])} nominations, "
      f"{len(named['fill-position'])} filled")

# The real Moodle statements of the shared fixtures, for two demo people.
if fixtures is not None:
    linked = {b["employee_id"] for b in named["link-lms-account"]}
    learners = [b["employee_id"] for b in named["onboard-employee"] if b["employee_id"] not in linked]
    learners = (learners + [b["employee_id"] for b in named["onboard-employee"]])[:2]
    print(f"\n  Moodle xAPI statements ({fixtures})")
    for account, employee in zip(["1", "2"], learners):
        command = {
            "command_id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"demo-link/{account}")),
            "actor": HRIS,
            "employee_id": employee,
            "home_page": FIXTURE_LMS,
            "account_name": account,
        }
        code, reply = call("POST", "/v1/commands/link-lms-account", command)
        if code != 200:
            sys.exit(f"linking the fixture account {account} failed: {reply}")
        print(f"    LMS account {account} linked to {employee}")
    for name in FIXTURE_FILES:
        body = json.loads((fixtures / name).read_text(encoding="utf-8"))
        code, reply = call("POST", "/v1/xapi/statements", body)
        results = ", ".join(r["status"] for r in reply.get("results", []))
        print(f"    {name:<32} HTTP {code}: {results or reply}")

# Five people and their levels, each with the rule that granted it.
as_of = dates[-1]
holders = collections.Counter(t["employee_id"] for t in terms)
people = [person for person, _ in holders.most_common(5)]
print(f"\n  competency levels on {as_of} (GET /v1/employees/<id>/competencies)")
for person in people:
    levels = get(f"/v1/employees/{person}/competencies?as_of={as_of}")
    granted = [c for c in levels["competencies"] if c["level"] > 0]
    print(f"    {person}  framework {levels['framework_version']}")
    if not granted:
        print("      no level yet")
    for competency in granted:
        why = get(f"/v1/employees/{person}/competencies/{competency['id']}/explain?as_of={as_of}")
        rule = next(l["rule"] for l in why["levels"] if l["level"] == competency["level"])
        print(f"      {competency['id']:<22} level {competency['level']}: {rule}")

# A slate for the first critical or high position, on the eve of the first fill, when
# every position was still open.
positions = [b for b in named["define-position"] if b["criticality"] in ("critical", "high")]
fills = sorted(b["effective_date"] for b in named["fill-position"])
planning_day = as_of
if fills:
    first = datetime.date.fromisoformat(fills[0])
    planning_day = (first - datetime.timedelta(days=1)).isoformat()
if positions:
    position = positions[0]
    slate = get(
        f"/v1/positions/{position['position_id']}/candidates?as_of={planning_day}&limit=5"
    )
    print(f"\n  slate for '{position['title']}' ({position['criticality']}) on {planning_day}")
    for candidate in slate["candidates"]:
        gaps = ", ".join(f"{g['competency']} {g['has']}/{g['needs']}" for g in candidate["gaps"])
        print(f"    {candidate['employee_id']}  {candidate['readiness']:<11} "
              f"score {candidate['score']:>3}  {('gaps: ' + gaps) if gaps else 'no gaps'}")
    bench = get(f"/v1/bench-strength?as_of={planning_day}")
    print(f"  bench strength: coverage {bench.get('coverage')}, "
          f"{len(bench.get('without_successor', []))} positions without a successor")

metrics = get(f"/v1/metrics/programme?from={dates[0]}&to={as_of}")
print(f"\n  programme metrics {dates[0]} to {as_of} (GET /v1/metrics/programme)")
for key, value in metrics.items():
    if isinstance(value, dict):
        print(f"    {key}: {json.dumps(value)[:150]}")

erg = ergs[0]
person = people[0]
print(f"""
Ladder is running: HTTP {base}, NATS {nats_url}. Try:
  curl {base}/v1/ergs/{erg['erg_id']}
  curl {base}/v1/employees/{person}/evidence
  curl '{base}/v1/employees/{person}/competencies?as_of={as_of}'
  curl {base}/v1/employees/{person}/competencies/community-leadership/explain
  curl '{base}/v1/bench-strength?as_of={planning_day}'
  {binary} query competencies {person} --nats {nats_url}
  {binary} audit verify --nats {nats_url} --data {data_dir}
Stop it with ops/stop-demo.""")
