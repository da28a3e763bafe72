"""Demo content for seed_demo: illustrative, not official national plans.

The three strategies show the planner in different states: Germany (DE) is filled in completely, France
(FR) and Portugal (PT) about half. Names of programmes and organisations are real so that the demo feels
familiar, but every plan, figure, baseline and target below is invented for demonstration purposes.

Section texts are simple HTML; the structured parts (segments, messages, risks, …) are plain text.
Task offsets are in days relative to the day the demo is seeded; content-item offsets are in months
after the start of the strategy period.
"""

from __future__ import annotations

GDI_URL = "https://gdi.onemilliongenomes.eu"
FRAMEWORK_URL = "https://framework.onemilliongenomes.eu"
ONEMG_URL = "https://digital-strategy.ec.europa.eu/en/policies/1-million-genomes"
POLICY_BRIEF_URL = (
    "https://b1mg-project.eu/images/pdf/Policy-Brief-Citizen-Engagement-Public-Trust-Genomic-Data-Sharing.pdf"
)

# ---------------------------------------------------------------------------------------------------
# Germany: complete draft
# ---------------------------------------------------------------------------------------------------

DE_RARE = "Patients with rare diseases and their families"
DE_CANCER = "Cancer patients and survivors"
DE_ADULTS = "Adults"
DE_LITERACY = "People with limited health literacy"
DE_MIGRANTS = "Migrant communities"
DE_GENETICISTS = "Clinical geneticists"
DE_DOCTORS = "General practitioners and treating specialists"
DE_NURSES = "Nurses"
DE_LAB = "Laboratory scientists and clinical bioinformaticians"

DE_WEBSITE = "National 1+MG website"
DE_SOCIAL = "Social media"
DE_NEWSLETTERS = "Newsletters"
DE_WEBINARS = "Webinars"
DE_PODCASTS = "Podcasts"
DE_EVENTS = "Events and press"

GERMANY = {
    "title": "genomDE communication and engagement strategy 2025–2027",
    "language": "en",
    "period": ("2025-01-01", "2027-12-31"),
    # The national contact printed on the PDF's contact page (demo addresses, .example e-mail).
    "contact": {
        "contact_name": "genomDE communications office",
        "contact_address": (
            "Federal Institute for Drugs and Medical Devices (BfArM)\nKurt-Georg-Kiesinger-Allee 3\n53175 Bonn, Germany"
        ),
        "contact_email": "genomde@bfarm.example",
    },
    "sections": {
        "executive_summary": {
            "overview": (
                "<p>This strategy sets out how Germany will inform and involve citizens and healthcare "
                "professionals as <strong>genomDE</strong>, the national genome programme, connects to the "
                "1+ Million Genomes (1+MG) infrastructure. It builds on the <em>Modellvorhaben "
                "Genomsequenzierung</em>, the model project for genome sequencing in rare diseases and "
                "oncology, and on the communication guide of the European Genomic Data Infrastructure (GDI) "
                "project.</p>"
                "<p>From 2025 to 2027 the genomDE coordination office, together with patient organisations "
                "and professional societies, will explain what genomic data sharing means, which choices "
                "people have and how their data are protected, and will give citizens a real voice in how "
                "the programme is run.</p>"
            ),
            "objectives_and_outcomes": (
                "<ul>"
                "<li><strong>Awareness:</strong> patients offered genome sequencing and the wider public "
                "understand what genomDE and 1+MG are and why data are shared.</li>"
                "<li><strong>Trust:</strong> citizens know their consent choices and how to object, and see "
                "that their feedback changes the programme.</li>"
                "<li><strong>Professional readiness:</strong> clinicians, nurses and laboratory staff can "
                "explain sequencing, consent and data use to patients.</li>"
                "<li><strong>Inclusion:</strong> people with limited health literacy and migrant "
                "communities are reached through partners they already trust.</li>"
                "</ul>"
            ),
        },
        "introduction": {
            "background": (
                '<p>The <a href="' + ONEMG_URL + '">1+ Million Genomes initiative</a> is an agreement by '
                "25 EU countries and Norway to provide secure, cross-border access to genomic and associated "
                "clinical data. Germany is a signatory. Nationally, genomDE brings genome sequencing into "
                "routine care through the model project for genome sequencing, which offers whole-genome "
                "sequencing to eligible patients with rare diseases and cancer in approved centres and "
                "stores the data on a national platform.</p>"
            ),
            "purpose": (
                "<p>The strategy gives the genomDE partners one shared plan for communication and "
                "engagement with citizens and healthcare professionals: whom we talk to, what we say, "
                "through which channels, and how we listen. It turns the six B1MG recommendations on "
                "citizen engagement and public trust into concrete activities with owners, a budget and "
                "measures of success.</p>"
            ),
            "scope_and_context": (
                "<p>In scope are patients and families offered sequencing, the general public, and "
                "healthcare professionals in sequencing centres and referring practices. Researchers and "
                "policymakers are addressed in separate plans, and training of professionals is planned "
                "with the professional societies. The strategy runs from January 2025 to December 2027 and "
                "will be revised as the 1+MG infrastructure and the German implementation of the European "
                "Health Data Space (EHDS) evolve.</p>"
            ),
        },
        "objectives": {
            "communication_goals": (
                "<ol>"
                "<li>Raise awareness of genomDE and 1+MG among patients offered sequencing and the general "
                "public.</li>"
                "<li>Make consent choices and data protection understandable, including how to object.</li>"
                "<li>Equip healthcare professionals in sequencing centres and referring practices to "
                "discuss genome sequencing and data sharing with patients.</li>"
                "<li>Give citizens, including hard-to-reach groups, a structured voice in the "
                "programme.</li>"
                "</ol>"
            ),
            "alignment": (
                "<p>The goals support the 1+MG Roadmap 2023–2027, which asks signatory countries to "
                "prepare citizens and professionals for the operation of the infrastructure, and the genomDE "
                "aim of bringing genome sequencing into routine care. They follow the six B1MG "
                "recommendations, and are coordinated with national communication on the EHDS and the "
                "electronic patient record (ePA), so that people hear one consistent story about health "
                "data.</p>"
            ),
        },
        "target_audience": {
            "audience_segments": (
                "<p>We address two groups, each split into segments (see the audience list):</p>"
                "<ul>"
                "<li><strong>Citizens:</strong> patients with rare diseases and their families, cancer "
                "patients and survivors, adults in the general public, people with limited health literacy "
                "and migrant communities.</li>"
                "<li><strong>Healthcare professionals:</strong> clinical geneticists, general practitioners "
                "and treating specialists, nurses, and laboratory scientists and clinical "
                "bioinformaticians.</li>"
                "</ul>"
                "<p>People with limited health literacy and migrant communities are treated as hard to "
                "reach; rural patients living far from a sequencing centre are considered within both.</p>"
            ),
            "needs_and_preferences": (
                "<p>Patients and families want to know what sequencing can and cannot tell them, who sees "
                "their data and how to change their mind. The general public needs short, plain-language "
                "explanations and reassurance on data protection. Professionals ask for concise clinical "
                "facts, referral pathways and ready-made material for consultations. Hard-to-reach groups "
                "prefer face-to-face contact through people they trust, easy-language and translated "
                "material, and printed leaflets in practices.</p>"
            ),
        },
        "key_messages": {
            "key_messages": (
                "<ul>"
                "<li>Sharing genomic data securely across Europe helps people with rare diseases and cancer "
                "get faster, more accurate diagnoses and better treatment.</li>"
                "<li>Your data stay in Germany: the 1+MG infrastructure is federated, so approved users "
                "query the data without them leaving national repositories.</li>"
                "<li>You decide: your consent choices are respected and you can object at any time.</li>"
                "<li>genomDE listens: patients and citizens help shape how the programme is run.</li>"
                "</ul>"
            ),
            "tailored_messages": (
                "<p>Most segments have a tailored message (see the key messages list). Families with rare "
                "diseases hear that data from other countries can help find a diagnosis when only a handful "
                "of patients share a condition; clinicians hear that federated access can inform clinical "
                "decisions with similar cases from across Europe; people with limited health literacy "
                "receive the same core message in easy language.</p>"
            ),
            "supporting_points": (
                "<ul>"
                "<li>The 1+MG infrastructure is built with data protection by design and default; analysis "
                "that could identify an individual is not permitted.</li>"
                "<li>Data are only available for secondary use when there is a legal basis, for example "
                "consent.</li>"
                '<li>The <a href="' + FRAMEWORK_URL + '">1+MG framework</a> documents the governance, '
                "ethical and technical standards.</li>"
                "<li>Success stories from the secondary use of data will be gathered and shared as the "
                "programme matures.</li>"
                "</ul>"
            ),
        },
        "channels": {
            "channels": (
                "<p>We use the channels suggested in the GDI guide: the genomDE pages as the national 1+MG "
                "website, social media, newsletters, webinars and podcasts, plus events and press work. "
                "Blog posts are published on the website and promoted through social media and "
                "newsletters.</p>"
            ),
            "tactics": (
                "<ul>"
                "<li><strong>Website:</strong> plain-language FAQ, consent explainer and monthly blog "
                "posts.</li>"
                "<li><strong>Social media:</strong> short videos and patient stories on LinkedIn, Instagram "
                "and Mastodon.</li>"
                "<li><strong>Newsletters:</strong> a quarterly newsletter for professionals, sent with the "
                "professional societies.</li>"
                "<li><strong>Webinars:</strong> webinars for clinicians, with CME accreditation "
                "requested.</li>"
                "<li><strong>Podcasts:</strong> a six-episode series with patients, geneticists and data "
                "protection experts.</li>"
                "<li><strong>Events and press:</strong> Rare Disease Day, community dialogues and press "
                "releases at milestones.</li>"
                "</ul>"
            ),
            "integration": (
                "<p>Every campaign starts from the website: each social media post, newsletter item and "
                "podcast episode links back to a page there. A shared editorial calendar, reviewed monthly "
                "by the communication lead and the editor, aligns timing with milestones of the model "
                "project and of 1+MG. Partners receive a toolkit each quarter so that they can amplify the "
                "same messages in their own channels.</p>"
            ),
        },
        "content_strategy": {
            "content_types": (
                "<ul>"
                "<li>Factsheets for citizens and professionals, adapted from the GDI templates.</li>"
                "<li>Short explainer videos, reusing and subtitling the GDI outreach videos.</li>"
                "<li>Infographics on the data journey and on consent choices.</li>"
                "<li>Articles and blog posts, including patient stories.</li>"
                "<li>Webinars and a podcast series.</li>"
                "<li>Easy-language and translated versions (Turkish, Arabic, Russian, Ukrainian) of core "
                "materials.</li>"
                "</ul>"
            ),
            "calendar": (
                "<p>The content calendar (see the content list) plans one flagship item per quarter plus "
                "regular posts. Fixed points are World Cancer Day (4 February), Rare Disease Day (end of "
                "February), the anniversary of the model project in July and the annual 1+MG and GDI "
                "milestones. The editor maintains the calendar and the communication lead approves it each "
                "month.</p>"
            ),
            "tone_and_branding": (
                "<p>Warm, factual and plain: short sentences, no jargon without explanation, and honesty "
                "about uncertainty and limits. Materials combine the genomDE identity with the 1+MG visual "
                "identity, following the 1+MG branding guidelines (the partial identity is only used "
                "together with the full one). Citizen material aims at easy-to-read German and is tested "
                "with readers from the target groups before publication.</p>"
            ),
        },
        "stakeholder_engagement": {
            "stakeholders_and_roles": (
                "<ul>"
                "<li><strong>Patient organisations</strong> (rare diseases and cancer): co-design and "
                "amplification.</li>"
                "<li><strong>Professional societies</strong>, such as the German Society of Human Genetics "
                "(GfH): clinical accuracy and reach among professionals.</li>"
                "<li><strong>genomDE programme and platform</strong>: owner of the strategy and of the "
                "national data platform.</li>"
                "<li><strong>Data protection authorities</strong>: early review of consent and privacy "
                "messages.</li>"
                "<li><strong>Sequencing centres</strong>: information for patients at the point of "
                "care.</li>"
                "</ul>"
            ),
            "activities": (
                "<p>We will set up a citizen and patient advisory panel that meets quarterly, run co-design "
                "workshops for the factsheets and the consent explainer, and hold two community dialogues a "
                "year with migrant organisations and adult-education centres. Professional societies "
                "co-host webinars and review materials. Community leaders are invited as partners for "
                "hard-to-reach groups, as the B1MG recommendations suggest.</p>"
            ),
            "feedback_mechanisms": (
                "<ul>"
                "<li>Online feedback form and contact address on the website.</li>"
                "<li>Short survey after every webinar and event.</li>"
                "<li>Published advisory panel minutes, with a <em>you said, we did</em> summary each "
                "quarter.</li>"
                "<li>Annual review of the plan by members of the target audience.</li>"
                "</ul>"
            ),
        },
        "implementation_plan": {
            "action_plan": (
                "<p>The plan follows the three phases of the GDI action plan template:</p>"
                "<ol>"
                "<li><strong>Initiate (2025–2026):</strong> connect to 1+MG nationally and at European "
                "level, explore audience needs, adapt the template strategy and design the ethics, risk and "
                "evaluation processes.</li>"
                "<li><strong>Execute (2026–2027):</strong> run campaigns and engagement activities, "
                "monitor them and manage risk.</li>"
                "<li><strong>Evaluate and report (2027):</strong> share findings with other 1+MG national "
                "implementations and revise the strategy.</li>"
                "</ol>"
                "<p>Tasks, owners and due dates are tracked in the action plan.</p>"
            ),
            "roles_and_responsibilities": (
                "<p>The communication lead in the genomDE coordination office owns the strategy and reports "
                "to the programme steering committee. The editor runs the content calendar and channels. "
                "The patient engagement officer manages the advisory panel and community partners. A "
                "scientific reviewer nominated by the professional societies checks clinical accuracy, and "
                "the data protection officer signs off consent and privacy messages (see the roles "
                "list).</p>"
            ),
            "resources_and_budget": (
                "<p>The indicative budget is about <strong>EUR 430,000 over three years</strong>, covering "
                "staff, content production, translation and easy-language versions, events with "
                "compensation for participants, promotion and evaluation (see the budget lines). Funding is "
                "requested from the national genome programme. In line with B1MG recommendation 1, the plan "
                "will be narrowed rather than spread thin if less funding is granted.</p>"
            ),
        },
        "monitoring_evaluation": {
            "metrics_and_kpis": (
                "<p>Each objective has two or three KPIs with a baseline and a target (see the objectives "
                "list). Examples: awareness of genomDE in a national survey, the share of patients in "
                "sequencing centres who say they understood their consent choices, the number of "
                "professionals reached by webinars, and the participation of hard-to-reach groups in "
                "engagement activities.</p>"
            ),
            "tools_and_methods": (
                "<ul>"
                "<li>Privacy-friendly web analytics without third-party tracking.</li>"
                "<li>Platform statistics for social media, newsletters and podcasts.</li>"
                "<li>A national online survey at the start, middle and end of the period.</li>"
                "<li>Short questionnaires in sequencing centres, developed with the centres.</li>"
                "<li>Attendance records and feedback forms for webinars and events.</li>"
                "</ul>"
            ),
            "evaluation_and_reporting": (
                "<p>The editor compiles a quarterly dashboard for the steering committee. A mid-term review "
                "at the end of 2026 and a final evaluation in late 2027 assess progress against the "
                "targets, with input from the advisory panel. Findings are shared with the 1+MG Special "
                "Group and other national implementations, and published in plain language on the "
                "website.</p>"
            ),
        },
        "risk_management": {
            "risks_and_challenges": (
                "<ul>"
                "<li>Public concern about data protection and the misuse of genetic data.</li>"
                "<li>Misinformation about genome sequencing on social media.</li>"
                "<li>Low reach among people with limited health literacy and migrant communities.</li>"
                "<li>Little time for clinicians to engage with communication material.</li>"
                "<li>Delays in the technical connection to 1+MG that make messages outdated.</li>"
                "<li>Funding cuts or staff turnover.</li>"
                "</ul>"
            ),
            "mitigation": (
                "<p>We communicate early and openly about safeguards, with messages reviewed by the data "
                "protection officer; we monitor social media and prepare fact-checked answers; we work "
                "through trusted community partners and easy-language formats; we keep professional "
                "material short and tie it to existing continuing education; and we phrase dates "
                "cautiously and align them with the programme.</p>"
            ),
            "contingency": (
                "<p>A crisis communication protocol defines who responds to a data incident or a media "
                "controversy within 24 hours, with holding statements agreed in advance with the programme "
                "and the data protection officer. If funding is cut, the core activities (website, "
                "factsheets, advisory panel) are protected and lower-priority channels such as podcasts are "
                "paused. Each risk has an owner in the risk register.</p>"
            ),
        },
        "conclusion": {
            "summary": (
                "<p>genomDE will prepare citizens and healthcare professionals in Germany for the 1+MG "
                "infrastructure by explaining clearly what genomic data sharing is, respecting people's "
                "choices and listening to them. The strategy focuses on patients offered sequencing, the "
                "general public and professionals in care, with dedicated effort for hard-to-reach groups. "
                "Success depends on stable resources, close work with patient organisations and "
                "professional societies, and honest reporting of what works, shared with other 1+MG "
                "countries.</p>"
            ),
        },
        "appendices": {
            "additional_resources": (
                "<ul>"
                '<li><a href="' + GDI_URL + '">GDI project website</a> and its communication and outreach '
                "guide</li>"
                '<li><a href="' + FRAMEWORK_URL + '">1+MG framework</a></li>'
                '<li><a href="' + POLICY_BRIEF_URL + '">B1MG policy brief on citizen engagement and '
                "public trust</a></li>"
                '<li><a href="https://www.ga4gh.org/document/engagement-policy-v1">GA4GH framework for '
                "involving and engaging participants, patients and publics</a></li>"
                "<li>Adapted citizen and professional factsheets (German, easy language, "
                "translations)</li>"
                "</ul>"
            ),
            "glossary": (
                "<ul>"
                "<li><strong>genomDE:</strong> the German national genome programme.</li>"
                "<li><strong>Modellvorhaben Genomsequenzierung:</strong> the model project for genome "
                "sequencing in rare diseases and oncology.</li>"
                "<li><strong>Federated access:</strong> data stay in national repositories and are queried "
                "securely across borders.</li>"
                "<li><strong>Opt-out:</strong> active rejection of a default permission.</li>"
                "<li><strong>Secondary use:</strong> reuse of health data for purposes other than the "
                "original one, such as research.</li>"
                "</ul>"
            ),
            "contact_information": (
                "<p>genomDE coordination office, communication team: kommunikation@genomde.example (demo "
                "address). Enquiries from the public go through the contact form on the "
                '<a href="https://www.bfarm.de/genomDE">genomDE website</a>. European contact: the GDI '
                'coordination team via the <a href="' + GDI_URL + '">GDI website</a>.</p>'
            ),
        },
    },
    "segments": [
        {
            "group": "citizens",
            "name": DE_RARE,
            "category": "Patients",
            "description": (
                "People with a suspected or diagnosed rare disease who are offered genome sequencing in a "
                "participating centre, and their parents, partners and carers."
            ),
            "needs": (
                "Understand what sequencing can and cannot find, how long results take and what happens to "
                "their data; reassurance that sharing data can help others with the same condition."
            ),
            "preferences": (
                "Information from their clinician and patient organisation, detailed web pages, patient "
                "stories and peer exchange in online communities."
            ),
            "hard_to_reach": False,
        },
        {
            "group": "citizens",
            "name": DE_CANCER,
            "category": "Patients",
            "description": (
                "People with cancer offered tumour and germline sequencing in oncology centres, and "
                "survivors reached through self-help groups."
            ),
            "needs": (
                "A clear explanation of the difference between tumour and germline findings, what results "
                "may mean for relatives, and how data use can improve treatment choices."
            ),
            "preferences": (
                "Conversations with oncology doctors and nurses, magazines and events of cancer patient "
                "organisations, podcasts."
            ),
            "hard_to_reach": False,
        },
        {
            "group": "citizens",
            "name": DE_ADULTS,
            "category": "Adults",
            "description": "The general adult public, most of whom have not yet heard of genomDE or 1+MG.",
            "needs": (
                "Short explanations of why genomic data are shared, what the benefits are and how the data "
                "are protected."
            ),
            "preferences": "Social media, news media and short videos from trusted public sources.",
            "hard_to_reach": False,
        },
        {
            "group": "citizens",
            "name": DE_LITERACY,
            "category": None,
            "description": (
                "Adults who find it hard to find, understand or use health information, including many "
                "older people and residents of rural areas far from a sequencing centre."
            ),
            "needs": (
                "Easy-language explanations of consent and data sharing, time to ask questions, and "
                "reassurance that saying no does not affect their care."
            ),
            "preferences": (
                "Face-to-face conversations with their GP or nurse, printed leaflets in waiting rooms, "
                "easy-language material and local events at adult-education centres."
            ),
            "hard_to_reach": True,
        },
        {
            "group": "citizens",
            "name": DE_MIGRANTS,
            "category": None,
            "description": (
                "People with a migration history, including recent refugees, who may face language "
                "barriers and have less trust in public institutions."
            ),
            "needs": "Information in their own language, and clarity on who can access the data and why.",
            "preferences": (
                "Community leaders, migrant organisations, faith groups; messaging apps; translated videos."
            ),
            "hard_to_reach": True,
        },
        {
            "group": "professionals",
            "name": DE_GENETICISTS,
            "category": "Clinical geneticists",
            "description": (
                "Specialists in human genetics in sequencing centres who counsel patients, order "
                "sequencing and interpret results."
            ),
            "needs": (
                "Up-to-date information on the model project, consent forms and data flows to 1+MG, and "
                "material they can hand to patients."
            ),
            "preferences": "Professional society newsletters, webinars and annual congresses.",
            "hard_to_reach": False,
        },
        {
            "group": "professionals",
            "name": DE_DOCTORS,
            "category": "Doctors",
            "description": (
                "Doctors who refer patients to sequencing centres or follow them up, including "
                "paediatricians, neurologists and oncologists."
            ),
            "needs": (
                "When to refer, what patients will be asked, and how to answer questions about data "
                "sharing in a few minutes."
            ),
            "preferences": (
                "Short accredited webinars, one-page factsheets, and articles in medical journals and "
                "association newsletters."
            ),
            "hard_to_reach": False,
        },
        {
            "group": "professionals",
            "name": DE_NURSES,
            "category": "Nurses",
            "description": (
                "Nurses, including oncology and paediatric nurses, who often answer patients' questions "
                "after consultations."
            ),
            "needs": (
                "Plain-language answers to common questions about sequencing and data, and clarity on where "
                "to refer complex questions."
            ),
            "preferences": "Short training sessions on the ward, nursing association newsletters, videos.",
            "hard_to_reach": False,
        },
        {
            "group": "professionals",
            "name": DE_LAB,
            "category": "Laboratory scientists",
            "description": (
                "Staff in sequencing laboratories and data centres who generate, process and submit data "
                "to the national platform."
            ),
            "needs": (
                "Knowing the public-facing messages so that technical communication stays consistent, and "
                "recognition of their role."
            ),
            "preferences": "Technical webinars, GDI and 1+MG community channels, LinkedIn.",
            "hard_to_reach": False,
        },
    ],
    "messages": [
        {
            "segment": None,
            "message": (
                "Sharing genomic data securely across Europe helps people get faster, more accurate "
                "diagnoses and better treatment, and your choices are respected."
            ),
            "supporting_points": (
                "Data stay in national repositories and are queried through federated access; only approved "
                "users with a legal basis get access; you can object at any time."
            ),
            "evidence": (
                "GDI communication guide, section 4 (1+MG infrastructure key information); 1+MG framework "
                "on data governance."
            ),
        },
        {
            "segment": DE_RARE,
            "message": (
                "When only a few people in Germany share a rare condition, comparing genomes with patients "
                "across Europe can help find a diagnosis."
            ),
            "supporting_points": (
                "Searching across 1+MG datasets increases the chance of finding matching cases; research on "
                "carrier frequencies can improve individual risk assessments."
            ),
            "evidence": (
                "GDI guide, section 4 (benefits and data access examples); patient stories to be gathered "
                "with rare disease patient organisations."
            ),
        },
        {
            "segment": DE_CANCER,
            "message": (
                "The genetic profile of a tumour can help choose the right treatment, for you and, shared "
                "securely, for patients with similar cancers across Europe."
            ),
            "supporting_points": (
                "Clinicians can learn from experiences with similar patients; germline findings that may "
                "matter for relatives are discussed in genetic counselling."
            ),
            "evidence": "GDI guide, section 4 (example of choosing the best drug for a genetic profile).",
        },
        {
            "segment": DE_ADULTS,
            "message": (
                "Genomic data can improve healthcare for everyone, and Germany is building this with "
                "strong data protection."
            ),
            "supporting_points": (
                "Benefits for rare diseases, cancers, common complex diseases and infectious diseases; "
                "data protection by design and default; no analysis that could identify an individual."
            ),
            "evidence": "GDI guide, section 4 (benefits; data protection).",
        },
        {
            "segment": DE_LITERACY,
            "message": (
                "Your genes can help doctors find out why someone is ill. You decide if your data may be "
                "used. Saying no does not change your care."
            ),
            "supporting_points": (
                "Easy-language factsheet tested with readers; GPs and nurses can explain it in person."
            ),
            "evidence": "Reader testing with adult-education partners (planned for 2026).",
        },
        {
            "segment": DE_MIGRANTS,
            "message": (
                "Information about genome sequencing and your choices is available in your language, and "
                "you can ask someone you trust."
            ),
            "supporting_points": (
                "Translated factsheets and subtitled videos; community dialogues with migrant organisations."
            ),
            "evidence": "Focus groups with migrant organisations (in progress).",
        },
        {
            "segment": DE_GENETICISTS,
            "message": (
                "genomDE connects your sequencing work to a European resource that can help solve unsolved "
                "cases, with consent information you can explain in one conversation."
            ),
            "supporting_points": (
                "Federated access to 1+MG data; shared consent explainer and patient handouts; the 1+MG "
                "framework sets the data standards."
            ),
            "evidence": "1+MG framework (data models, sequencing guidelines); GfH review of the materials.",
        },
        {
            "segment": DE_DOCTORS,
            "message": (
                "You do not need to be a genetics expert: know when to refer, and use our one-page "
                "factsheet to answer patients' questions on data sharing."
            ),
            "supporting_points": (
                "Referral criteria of the model project; short webinars; factsheet adapted from the GDI "
                "healthcare professional template."
            ),
            "evidence": "GDI healthcare professional factsheet template; webinar feedback.",
        },
    ],
    "channels": [
        {
            "name": DE_WEBSITE,
            "category": "A website for the national 1+MG initiative",
            "description": (
                "The genomDE pages act as Germany's national 1+MG website: the reference source that every "
                "other channel links to."
            ),
            "tactics": [
                {"description": "Plain-language FAQ and an interactive consent explainer.", "segment": None},
                {
                    "description": (
                        "Monthly blog posts, including patient stories gathered with patient organisations."
                    ),
                    "segment": DE_RARE,
                },
                {
                    "description": "Easy-language and translated versions of the core pages.",
                    "segment": DE_LITERACY,
                },
            ],
        },
        {
            "name": DE_SOCIAL,
            "category": "Social media",
            "description": "genomDE accounts on LinkedIn, Instagram and Mastodon, plus partners' accounts.",
            "tactics": [
                {
                    "description": "Explainer videos of 60–90 seconds built on the GDI outreach videos.",
                    "segment": DE_ADULTS,
                },
                {
                    "description": (
                        "Share translated posts with community organisations to forward in messaging groups."
                    ),
                    "segment": DE_MIGRANTS,
                },
            ],
        },
        {
            "name": DE_NEWSLETTERS,
            "category": "Newsletters",
            "description": (
                "A quarterly genomDE newsletter for professionals, and articles placed in partners' "
                "newsletters and member magazines."
            ),
            "tactics": [
                {
                    "description": "Quarterly professional newsletter sent with the professional societies.",
                    "segment": DE_GENETICISTS,
                },
                {
                    "description": "Ready-to-use articles for member magazines of cancer patient groups.",
                    "segment": DE_CANCER,
                },
            ],
        },
        {
            "name": DE_WEBINARS,
            "category": "Webinars",
            "description": "Live and recorded online sessions for professionals and interested citizens.",
            "tactics": [
                {
                    "description": (
                        "Webinar series on referral, consent and data sharing, with CME accreditation "
                        "requested from the medical chambers."
                    ),
                    "segment": DE_DOCTORS,
                },
                {
                    "description": (
                        "Twice-yearly public question-and-answer webinar with the genomDE team and a "
                        "patient representative."
                    ),
                    "segment": None,
                },
            ],
        },
        {
            "name": DE_PODCASTS,
            "category": "Podcasts",
            "description": (
                "A six-episode podcast series with patients, geneticists, nurses and data protection experts."
            ),
            "tactics": [
                {
                    "description": "Episodes of 20–30 minutes every two months, promoted on social media.",
                    "segment": None,
                },
                {
                    "description": "A special episode for nurses on answering patients' questions.",
                    "segment": DE_NURSES,
                },
            ],
        },
        {
            "name": DE_EVENTS,
            "category": None,
            "description": "Awareness days, community dialogues, conference stands and press work.",
            "tactics": [
                {
                    "description": "Rare Disease Day event co-organised with patient organisations.",
                    "segment": DE_RARE,
                },
                {
                    "description": "Community dialogues at adult-education centres and migrant associations.",
                    "segment": DE_MIGRANTS,
                },
                {
                    "description": "Press releases and briefings at programme milestones.",
                    "segment": DE_ADULTS,
                },
            ],
        },
    ],
    "content_items": [
        {
            "title": "Rare Disease Day 2025: stories from families",
            "content_type": "event",
            "channel": DE_EVENTS,
            "segment": DE_RARE,
            "month_offset": 1,
            "status": "published",
            "owner": "Patient engagement officer",
        },
        {
            "title": "Citizen factsheet: genomDE and 1+MG",
            "content_type": "factsheet",
            "channel": DE_WEBSITE,
            "segment": DE_ADULTS,
            "month_offset": 3,
            "status": "published",
            "owner": "Editor",
        },
        {
            "title": "Professional factsheet: referral and consent in the model project",
            "content_type": "factsheet",
            "channel": DE_NEWSLETTERS,
            "segment": DE_DOCTORS,
            "month_offset": 5,
            "status": "published",
            "owner": "Scientific reviewer (GfH)",
        },
        {
            "title": "Explainer video: what happens to my genomic data?",
            "content_type": "video",
            "channel": DE_SOCIAL,
            "segment": DE_ADULTS,
            "month_offset": 8,
            "status": "published",
            "owner": "Editor",
        },
        {
            "title": "Webinar: talking to patients about genomic data sharing",
            "content_type": "webinar",
            "channel": DE_WEBINARS,
            "segment": DE_DOCTORS,
            "month_offset": 10,
            "status": "published",
            "owner": "Communication lead",
        },
        {
            "title": "Podcast episode 1: a diagnosis after years of searching",
            "content_type": "podcast",
            "channel": DE_PODCASTS,
            "segment": DE_RARE,
            "month_offset": 14,
            "status": "published",
            "owner": "Editor",
        },
        {
            "title": "Infographic: your consent choices",
            "content_type": "infographic",
            "channel": DE_WEBSITE,
            "segment": DE_LITERACY,
            "month_offset": 19,
            "status": "published",
            "owner": "Editor",
        },
        {
            "title": "Blog post: one year of the citizen and patient advisory panel",
            "content_type": "blog_post",
            "channel": DE_WEBSITE,
            "segment": None,
            "month_offset": 22,
            "status": "in_production",
            "owner": "Patient engagement officer",
        },
        {
            "title": "Easy-language factsheet and translations (Turkish, Arabic, Ukrainian)",
            "content_type": "factsheet",
            "channel": DE_WEBSITE,
            "segment": DE_MIGRANTS,
            "month_offset": 23,
            "status": "in_production",
            "owner": "Editor",
        },
        {
            "title": "Newsletter: Germany's connection to the 1+MG infrastructure",
            "content_type": "newsletter",
            "channel": DE_NEWSLETTERS,
            "segment": DE_GENETICISTS,
            "month_offset": 24,
            "status": "planned",
            "owner": "Editor",
        },
        {
            "title": "World Cancer Day 2027 social media campaign",
            "content_type": "social_post",
            "channel": DE_SOCIAL,
            "segment": DE_CANCER,
            "month_offset": 25,
            "status": "planned",
            "owner": "Editor",
        },
        {
            "title": "Press release: mid-term results of the communication strategy",
            "content_type": "press_release",
            "channel": DE_EVENTS,
            "segment": DE_ADULTS,
            "month_offset": 27,
            "status": "idea",
            "owner": "Communication lead",
        },
        {
            "title": "Podcast episode for nurses: answering patients' questions",
            "content_type": "podcast",
            "channel": DE_PODCASTS,
            "segment": DE_NURSES,
            "month_offset": 30,
            "status": "idea",
            "owner": "Editor",
        },
    ],
    "stakeholders": [
        {
            "name": "ACHSE e.V. (Alliance for Chronic Rare Diseases)",
            "role": (
                "Umbrella organisation of rare disease patient organisations; reaches families and brings "
                "their perspective into the programme."
            ),
            "engagement_activity": (
                "Seat on the advisory panel; co-organises Rare Disease Day; reviews citizen factsheets."
            ),
            "feedback_mechanism": "Quarterly advisory panel meetings and an annual joint review.",
        },
        {
            "name": "Cancer patient and self-help organisations",
            "role": "Trusted source for people with cancer and survivors; amplifies messages to members.",
            "engagement_activity": "Articles in member magazines; speakers for webinars and podcasts.",
            "feedback_mechanism": "Review rounds on cancer-related material; event surveys.",
        },
        {
            "name": "German Society of Human Genetics (GfH)",
            "role": "Professional society for human genetics; ensures clinical accuracy of all material.",
            "engagement_activity": (
                "Nominates the scientific reviewer; co-hosts webinars; places items in its newsletter."
            ),
            "feedback_mechanism": "Written review of materials; webinar feedback surveys.",
        },
        {
            "name": "genomDE programme and national platform",
            "role": "Programme owner and operator of the national genomic data platform.",
            "engagement_activity": (
                "Steering committee receives quarterly reports and answers advisory panel recommendations."
            ),
            "feedback_mechanism": "Quarterly reporting; written responses to panel recommendations.",
        },
        {
            "name": "Federal and state data protection authorities",
            "role": "Supervise data protection; their assessment strongly shapes public trust.",
            "engagement_activity": (
                "Early briefing on consent and privacy messages; invitation to public Q&A webinars."
            ),
            "feedback_mechanism": "Written comments on materials; bilateral meetings when needed.",
        },
        {
            "name": "Sequencing centres of the model project",
            "role": "Deliver information to patients at the point of care.",
            "engagement_activity": "Local champions, printed material and short training for staff.",
            "feedback_mechanism": "Quarterly check-ins with local champions; patient questionnaires.",
        },
        {
            "name": "Migrant organisations and adult-education centres",
            "role": "Trusted partners for hard-to-reach groups.",
            "engagement_activity": "Community dialogues, review of translations, easy-language testing.",
            "feedback_mechanism": "Debrief after each dialogue; participants are paid for their time.",
        },
    ],
    "objectives": [
        {
            "title": "Raise awareness of genomDE and 1+MG",
            "description": (
                "Increase awareness of genomDE and of secure genomic data sharing among adults and among "
                "patients offered sequencing."
            ),
            "alignment": (
                "1+MG Roadmap 2023–2027 (preparing citizens for operation of the infrastructure); B1MG "
                "recommendation 3."
            ),
            "kpis": [
                {
                    "metric": "Adults who have heard of genomDE (national online survey)",
                    "baseline": "To be measured in the 2025 baseline survey",
                    "target": "Doubling of the baseline share by end of 2027",
                    "method": "National online survey (start, middle, end of period)",
                    "frequency": "annually",
                },
                {
                    "metric": "Monthly unique visitors to the national 1+MG website",
                    "baseline": "About 2,000 (estimate for early 2025)",
                    "target": "10,000 a month by end of 2027",
                    "method": "Privacy-friendly web analytics",
                    "frequency": "monthly",
                },
                {
                    "metric": "Impressions of campaign posts on social media",
                    "baseline": "0 (new accounts in 2025)",
                    "target": "500,000 a year from 2026",
                    "method": "Platform analytics",
                    "frequency": "quarterly",
                },
            ],
        },
        {
            "title": "Make consent choices and data protection understood",
            "description": (
                "Patients and the public understand what they are asked to agree to, how their data are "
                "protected and how to object."
            ),
            "alignment": (
                "1+MG consent mechanisms (opt-in/opt-out and easy ways to object); genomDE consent process; "
                "B1MG recommendation 2."
            ),
            "kpis": [
                {
                    "metric": "Patients in sequencing centres who say they understood their consent choices",
                    "baseline": "Not yet measured; first questionnaire in 2025",
                    "target": "80% by 2027",
                    "method": "Short questionnaire in participating centres",
                    "frequency": "biannually",
                },
                {
                    "metric": "Average reader-test rating of the citizen factsheet (1–5)",
                    "baseline": "3.1 (first draft, internal test)",
                    "target": "At least 4.0",
                    "method": "Reader testing with the advisory panel and easy-language testers",
                    "frequency": "annually",
                },
            ],
        },
        {
            "title": "Equip healthcare professionals to talk about genomic data sharing",
            "description": (
                "Professionals in sequencing centres and referring practices feel confident discussing "
                "sequencing, consent and data use with patients."
            ),
            "alignment": "genomDE aim of sequencing in routine care; B1MG recommendation 6.",
            "kpis": [
                {
                    "metric": "Professionals attending webinars (cumulative)",
                    "baseline": "0",
                    "target": "1,500 by end of 2027",
                    "method": "Webinar registration data",
                    "frequency": "quarterly",
                },
                {
                    "metric": "Participants confident discussing data sharing after a webinar",
                    "baseline": "Pre-webinar survey of the first series",
                    "target": "75% after the webinar",
                    "method": "Pre/post webinar survey",
                    "frequency": "quarterly",
                },
                {
                    "metric": "Downloads of the professional factsheet",
                    "baseline": "0",
                    "target": "5,000 by end of 2027",
                    "method": "Web analytics",
                    "frequency": "quarterly",
                },
            ],
        },
        {
            "title": "Give citizens, including hard-to-reach groups, a voice",
            "description": (
                "Citizens influence how genomDE communicates and operates, and hard-to-reach groups take "
                "part in engagement activities."
            ),
            "alignment": "B1MG recommendations 2 (accountability) and 5 (diverse interests and viewpoints).",
            "kpis": [
                {
                    "metric": "Advisory panel recommendations with a published response",
                    "baseline": "No panel yet (2025)",
                    "target": "100% answered within three months",
                    "method": "Panel log and you-said-we-did reports",
                    "frequency": "quarterly",
                },
                {
                    "metric": "Participants from hard-to-reach groups in dialogues and panels",
                    "baseline": "0",
                    "target": "At least 25% of participants",
                    "method": "Voluntary, anonymous participant questionnaire",
                    "frequency": "biannually",
                },
            ],
        },
    ],
    "risks": [
        {
            "description": "A data incident elsewhere in health IT raises public concern about genetic data.",
            "likelihood": 3,
            "impact": 5,
            "mitigation": (
                "Explain safeguards proactively; keep an up-to-date FAQ on data protection reviewed by the "
                "data protection officer."
            ),
            "contingency": "Crisis protocol: holding statement within 24 hours and a public Q&A webinar.",
            "owner": "Communication lead",
        },
        {
            "description": "Misinformation about genome sequencing spreads on social media.",
            "likelihood": 4,
            "impact": 3,
            "mitigation": "Social media monitoring; fact-checked answers; trusted voices as messengers.",
            "contingency": "Publish a myth-busting article and ask partners to share it.",
            "owner": "Editor",
        },
        {
            "description": "Engagement fails to reach people with limited health literacy and migrants.",
            "likelihood": 4,
            "impact": 4,
            "mitigation": (
                "Work through community leaders and adult-education centres; easy-language and translated "
                "material; compensation for participation."
            ),
            "contingency": "Reallocate promotion budget to community partners; add outreach in GP practices.",
            "owner": "Patient engagement officer",
        },
        {
            "description": "Clinicians have too little time to engage with communication material.",
            "likelihood": 5,
            "impact": 2,
            "mitigation": "Keep material to one page; link webinars to continuing education credits.",
            "contingency": "Focus on nurses and local champions in sequencing centres.",
            "owner": "Scientific reviewer (GfH)",
        },
        {
            "description": "Delays in the connection to the 1+MG infrastructure make messages outdated.",
            "likelihood": 3,
            "impact": 2,
            "mitigation": "Avoid fixed dates in public material; review the FAQ every quarter.",
            "contingency": "Publish an update explaining the new timeline and its reasons.",
            "owner": "Communication lead",
        },
        {
            "description": "Funding is cut or key communication staff leave.",
            "likelihood": 2,
            "impact": 4,
            "mitigation": "Document processes; share the workload between lead and editor.",
            "contingency": "Protect the website, factsheets and advisory panel; pause podcasts and events.",
            "owner": "Programme steering committee",
        },
        {
            "description": "Advisory panel members feel their input is ignored and withdraw.",
            "likelihood": 2,
            "impact": 3,
            "mitigation": "Publish a response to every recommendation; compensate members for their time.",
            "contingency": "Independent facilitator to review how the panel works.",
            "owner": "Patient engagement officer",
        },
        {
            "description": "Errors in translated material cause misunderstandings.",
            "likelihood": 1,
            "impact": 3,
            "mitigation": "Professional translation plus review by community partners.",
            "contingency": "Withdraw and correct the material; notify partners who distributed it.",
            "owner": "Editor",
        },
    ],
    "roles": [
        {
            "role": "Communication lead",
            "holder": "genomDE coordination office",
            "responsibilities": (
                "Owns the strategy, approves content, reports to the steering committee and represents "
                "Germany in 1+MG communication exchanges."
            ),
        },
        {
            "role": "Editor",
            "holder": "genomDE communication team",
            "responsibilities": (
                "Runs the editorial calendar, website, social media and newsletters; compiles the dashboard."
            ),
        },
        {
            "role": "Patient engagement officer",
            "holder": "genomDE coordination office (post to be filled in 2026)",
            "responsibilities": (
                "Runs the advisory panel, community dialogues and partnerships with patient and community "
                "organisations."
            ),
        },
        {
            "role": "Scientific reviewer",
            "holder": "Nominated by the German Society of Human Genetics (GfH)",
            "responsibilities": "Checks clinical and scientific accuracy of all material before publication.",
        },
        {
            "role": "Data protection officer",
            "holder": "Programme data protection officer",
            "responsibilities": "Signs off consent and privacy messages; advises on incident communication.",
        },
        {
            "role": "Citizen and patient advisory panel",
            "holder": "Twelve members, including patient organisation representatives",
            "responsibilities": (
                "Reviews the plan and key materials and advises the steering committee on priorities."
            ),
        },
    ],
    "budget_lines": [
        {
            "item": "Staff: editor and patient engagement officer (1.0 FTE in total)",
            "amount": "240000.00",
            "currency": "EUR",
            "funding_source": "National genome programme",
            "notes": "Communication lead time is covered by the coordination office's core budget.",
        },
        {
            "item": "Content production (videos, infographics, podcast)",
            "amount": "65000.00",
            "currency": "EUR",
            "funding_source": "National genome programme",
            "notes": "Reuses the GDI outreach videos where possible.",
        },
        {
            "item": "Translation and easy-language versions",
            "amount": "30000.00",
            "currency": "EUR",
            "funding_source": "National genome programme",
            "notes": "Turkish, Arabic, Russian, Ukrainian and easy-to-read German.",
        },
        {
            "item": "Events, community dialogues and advisory panel",
            "amount": "55000.00",
            "currency": "EUR",
            "funding_source": "National genome programme",
            "notes": "Includes compensation and travel costs for panel members and dialogue participants.",
        },
        {
            "item": "Social media promotion",
            "amount": "15000.00",
            "currency": "EUR",
            "funding_source": "National genome programme",
            "notes": "Targeted promotion of flagship content only.",
        },
        {
            "item": "Evaluation: surveys and independent review",
            "amount": "25000.00",
            "currency": "EUR",
            "funding_source": "EU co-funding (to be confirmed)",
            "notes": "Baseline, mid-term and final surveys.",
        },
    ],
    "tasks": {
        "Learn about the 1+MG initiative": {
            "status": "done",
            "start_offset_days": -330,
            "due_offset_days": -240,
            "owner": "lead",
            "description": "Read the GDI guide, the 1+MG roadmap and the B1MG policy brief.",
        },
        "Connect to the initiative at a European level": {
            "status": "done",
            "start_offset_days": -330,
            "due_offset_days": -270,
            "owner": "lead",
            "description": "Joined the 1+MG Special Group communication exchange and GDI mailing list.",
        },
        "Connect to the initiative at a national level": {
            "status": "done",
            "start_offset_days": -300,
            "due_offset_days": -240,
            "owner": "lead",
            "description": "Kick-off with the genomDE programme, platform team and sequencing centres.",
        },
        "Explore the needs and beliefs of your citizens and healthcare professionals": {
            "status": "in_progress",
            "start_offset_days": -270,
            "due_offset_days": 15,
            "owner": "lead",
            "description": "Desk research, interviews and focus groups; summary for the steering committee.",
        },
        "What groups are there?": {
            "status": "done",
            "start_offset_days": -270,
            "due_offset_days": -200,
            "owner": "editor",
            "description": "Mapped segments from the guide's example groups; see the audience list.",
        },
        "What groups are difficult to reach or vulnerable?": {
            "status": "in_progress",
            "start_offset_days": -200,
            "due_offset_days": -10,
            "owner": "lead",
            "description": "Interviews with migrant associations and adult-education centres; two open.",
        },
        "Prioritise trust": {
            "status": "in_progress",
            "start_offset_days": -180,
            "due_offset_days": 60,
            "owner": "lead",
            "description": "",
        },
        "Ensure citizens are compensated and acknowledged": {
            "status": "blocked",
            "start_offset_days": -120,
            "due_offset_days": 10,
            "owner": "lead",
            "description": "Waiting for approval of the expense-allowance scheme for panel members.",
        },
        (
            "Define processes to gather success stories from the secondary use of data and share with "
            "citizens and healthcare professionals"
        ): {
            "status": "todo",
            "start_offset_days": 5,
            "due_offset_days": 90,
            "owner": "editor",
            "description": "Agree a consent process for patient stories with the patient organisations.",
        },
        "Develop the plan - Adapt the template strategy in Appendix": {
            "status": "in_progress",
            "start_offset_days": -150,
            "due_offset_days": 12,
            "owner": "lead",
            "description": "This strategy document.",
        },
        "Communication and engagement goals": {
            "status": "done",
            "start_offset_days": -150,
            "due_offset_days": -100,
            "owner": "lead",
            "description": "Four objectives agreed with the steering committee.",
        },
        (
            "Key messages and communication channels - Adapt the citizen and healthcare professional "
            "factsheets and videos"
        ): {
            "status": "in_progress",
            "start_offset_days": -100,
            "due_offset_days": 7,
            "owner": "editor",
            "description": "Citizen factsheet done; easy-language version and translations in production.",
        },
        "Engagement tools and activities": {
            "status": "in_progress",
            "start_offset_days": -60,
            "due_offset_days": 30,
            "owner": None,
            "description": "Advisory panel terms of reference and community dialogue format.",
        },
        "Consider review of the plan by the target audience": {
            "status": "todo",
            "start_offset_days": 14,
            "due_offset_days": 45,
            "owner": None,
            "description": "Ask the advisory panel to review the full draft.",
        },
        "Design processes": {
            "status": "in_progress",
            "start_offset_days": -60,
            "due_offset_days": 75,
            "owner": "lead",
            "description": "",
        },
        "Ethical framework including data privacy and security": {
            "status": "in_progress",
            "start_offset_days": -45,
            "due_offset_days": -5,
            "owner": "lead",
            "description": "Draft with the data protection officer; comments from the authority pending.",
        },
        "Risk management plan": {
            "status": "done",
            "start_offset_days": -60,
            "due_offset_days": -15,
            "owner": "editor",
            "description": "Risk register with owners; see the risk management section.",
        },
        "Metrics, monitoring methods, and evaluation and reporting processes": {
            "status": "todo",
            "start_offset_days": 0,
            "due_offset_days": 40,
            "owner": "editor",
            "description": "Dashboard template and survey questionnaire.",
        },
        "Execute the strategy": {
            "status": "in_progress",
            "start_offset_days": -90,
            "due_offset_days": 400,
            "owner": "lead",
            "description": "Content production has started alongside the planning work.",
        },
        "Monitor the execution": {
            "status": "todo",
            "start_offset_days": 20,
            "due_offset_days": 400,
            "owner": "editor",
            "description": "Quarterly dashboard for the steering committee.",
        },
        "Manage risk": {
            "status": "todo",
            "start_offset_days": 30,
            "due_offset_days": 400,
            "owner": "lead",
            "description": "Quarterly review of the risk register.",
        },
        "Share findings with other 1+MG national implementations": {
            "status": "todo",
            "start_offset_days": 180,
            "due_offset_days": 240,
            "owner": "lead",
            "description": "Present the mid-term review to the 1+MG Special Group.",
        },
    },
    "extra_tasks": [
        {
            "phase": "initiate",
            "parent": "Explore the needs and beliefs of your citizens and healthcare professionals",
            "title": "Run two focus groups with migrant organisations",
            "status": "in_progress",
            "start_offset_days": -40,
            "due_offset_days": 10,
            "owner": "lead",
            "section": "target_audience",
        },
        {
            "phase": "initiate",
            "parent": "Prioritise trust",
            "title": "Recruit members of the citizen and patient advisory panel",
            "status": "in_progress",
            "start_offset_days": -60,
            "due_offset_days": 25,
            "owner": "lead",
            "section": "stakeholder_engagement",
        },
        {
            "phase": "execute",
            "parent": "Execute the strategy",
            "title": "Commission easy-language versions of the citizen factsheet",
            "status": "in_progress",
            "start_offset_days": -14,
            "due_offset_days": 8,
            "owner": "editor",
            "section": "content_strategy",
        },
        {
            "phase": "execute",
            "parent": None,
            "title": "Prepare holding statements for a data incident",
            "status": "todo",
            "start_offset_days": 7,
            "due_offset_days": 30,
            "owner": "lead",
            "section": "risk_management",
        },
        {
            "phase": "evaluate",
            "parent": "Share findings with other 1+MG national implementations",
            "title": "Submit a case study on the advisory panel to the 1+MG Special Group",
            "status": "todo",
            "start_offset_days": 200,
            "due_offset_days": 230,
            "owner": None,
            "section": "monitoring_evaluation",
        },
    ],
    "assessments": {
        1: {
            "status": "in_progress",
            "evidence": (
                "Budget of about EUR 430,000 over three years drafted; the editor post is funded, the "
                "patient engagement officer post awaits approval."
            ),
        },
        2: {
            "status": "planned",
            "evidence": (
                "A citizen and patient advisory panel will report to the steering committee, with a "
                "published response to each recommendation."
            ),
        },
        3: {
            "status": "in_place",
            "evidence": (
                "Four objectives with KPIs; tools chosen per goal (advisory panel, surveys, community "
                "dialogues, webinars)."
            ),
        },
        4: {
            "status": "in_progress",
            "evidence": (
                "Connected to the 1+MG Special Group; coordination with national EHDS and electronic "
                "patient record communication is being set up."
            ),
        },
        5: {
            "status": "in_progress",
            "evidence": (
                "Two hard-to-reach segments; community dialogues with migrant organisations; easy-language "
                "and translated material."
            ),
        },
        6: {
            "status": "planned",
            "evidence": (
                "Training for communication staff in 2026; webinars with the GfH for professionals; "
                "onboarding sessions for panel members."
            ),
        },
    },
}

# ---------------------------------------------------------------------------------------------------
# France: submitted, about half filled in
# ---------------------------------------------------------------------------------------------------

FR_FAMILIES = "Families facing diagnostic delays for rare diseases"
FR_CANCER = "Patients with cancer"
FR_OVERSEAS = "Residents of overseas departments and regions"
FR_PRESCRIBERS = "Prescribing physicians in rare disease and cancer networks"
FR_COUNSELLORS = "Genetic counsellors"

FR_WEBSITE = "National 1+MG website"
FR_SOCIAL = "Social media"
FR_WEBINARS = "Webinars"
FR_EVENTS = "Events and press"

FRANCE = {
    "title": "PFMG2025 communication and engagement strategy for 1+MG 2025–2027",
    "language": "en",
    "period": ("2025-01-01", "2027-12-31"),
    # The national contact printed on the PDF's contact page (demo addresses, .example e-mail).
    "contact": {
        "contact_name": "PFMG2025 communication team",
        "contact_address": ("Inserm – Plan France Médecine Génomique 2025\n101 rue de Tolbiac\n75013 Paris, France"),
        "contact_email": "communication@pfmg2025.example",
    },
    "sections": {
        "executive_summary": {
            "overview": (
                "<p>This strategy explains how France will prepare patients, families and healthcare "
                "professionals for the connection of the <strong>Plan France Médecine Génomique 2025 "
                "(PFMG2025)</strong> to the 1+ Million Genomes infrastructure. It focuses on patient rights "
                "and on what genomic medicine can change for people waiting for a rare disease "
                "diagnosis.</p>"
            ),
            "objectives_and_outcomes": (
                "<ul>"
                "<li>Patients know their rights: information, consent, the right not to know and the right "
                "to object to reuse of their data.</li>"
                "<li>Families affected by rare diseases understand how European data sharing can shorten "
                "diagnostic delays.</li>"
                "<li>Prescribers and genetic counsellors have consistent material for consultations.</li>"
                "<li>Residents of the overseas departments and regions are reached as well as those in "
                "mainland France.</li>"
                "</ul>"
            ),
        },
        "introduction": {
            "background": (
                "<p>Launched in 2016, PFMG2025 organises access to genome sequencing in care through "
                "national high-throughput sequencing platforms and a national data facility, for a list of "
                "clinical indications in rare diseases and cancer. France is a signatory of the "
                '<a href="' + ONEMG_URL + '">1+ Million Genomes initiative</a>.</p>'
            ),
            "purpose": (
                "<p>To give PFMG2025 partners a shared plan for explaining the link between the national "
                "plan and 1+MG, and for involving patient organisations in that explanation.</p>"
            ),
            "scope_and_context": (
                "<p>The strategy covers patients and families in the rare disease and cancer pathways of "
                "PFMG2025, and the professionals who prescribe sequencing and counsel patients. It takes "
                "into account the national rare disease plans and the French implementation of the "
                "European Health Data Space.</p>"
            ),
        },
        "objectives": {
            "communication_goals": (
                "<ol>"
                "<li>Inform patients offered sequencing about their rights and choices before they "
                "consent.</li>"
                "<li>Explain how 1+MG can help end the diagnostic odyssey for rare diseases.</li>"
                "<li>Provide prescribers and genetic counsellors with shared, validated material.</li>"
                "</ol>"
            ),
            "alignment": (
                "<p>The goals follow the PFMG2025 priority of equal access to genomic medicine across the "
                "territory and the 1+MG roadmap. They apply B1MG recommendations 2 and 5 in particular.</p>"
            ),
        },
        "target_audience": {
            "audience_segments": (
                "<ul>"
                "<li><strong>Citizens:</strong> families facing diagnostic delays for rare diseases, "
                "patients with cancer, and residents of the overseas departments and regions.</li>"
                "<li><strong>Professionals:</strong> prescribing physicians in the rare disease and cancer "
                "networks, and genetic counsellors.</li>"
                "</ul>"
            ),
            "needs_and_preferences": (
                "<p>Families want concrete answers on delays and results; patients want to know their "
                "rights in plain French; overseas residents need information that reflects local care "
                "pathways. Professionals prefer material distributed by the rare disease networks and "
                "learned societies.</p>"
            ),
        },
        "key_messages": {
            "key_messages": (
                "<ul>"
                "<li>PFMG2025 brings genome sequencing into care; 1+MG lets French patients benefit from "
                "data across Europe.</li>"
                "<li>Your rights stay the same: information, consent, the right not to know and the right "
                "to object.</li>"
                "<li>European data sharing aims to shorten the diagnostic odyssey for rare diseases.</li>"
                "</ul>"
            ),
            "tailored_messages": (
                "<p>Families, patients with cancer, overseas residents, prescribers and genetic counsellors "
                "each have a tailored message (see the key messages list).</p>"
            ),
            "supporting_points": (
                "<p>Supporting points draw on the PFMG2025 documentation, the GDI guide's key information "
                'and the <a href="' + FRAMEWORK_URL + '">1+MG framework</a>.</p>'
            ),
        },
        "channels": {
            "channels": (
                "<p>The PFMG2025 website as national 1+MG website, social media, webinars, and events and "
                "press work with patient organisations.</p>"
            ),
            "tactics": (
                "<ul>"
                "<li>Patient rights page and FAQ on the website.</li>"
                "<li>Webinars co-hosted with the rare disease networks.</li>"
                "<li>Rare Disease Day press activity with patient organisations.</li>"
                "</ul>"
            ),
        },
        "stakeholder_engagement": {
            "stakeholders_and_roles": (
                "<ul>"
                "<li><strong>Patient organisations</strong> for rare diseases and cancer: co-design of "
                "patient rights material.</li>"
                "<li><strong>Rare disease networks</strong> (filières de santé maladies rares): "
                "distribution to professionals.</li>"
                "<li><strong>CNIL</strong>, the data protection authority: review of consent "
                "information.</li>"
                "</ul>"
            ),
        },
        "risk_management": {
            "risks_and_challenges": (
                "<ul>"
                "<li>Confusion between PFMG2025, the national health data platform and the EHDS.</li>"
                "<li>Public debate about the hosting of health data reducing trust.</li>"
                "<li>Overseas territories reached less well than mainland France.</li>"
                "</ul>"
            ),
            "mitigation": (
                "<p>A single explainer of how the initiatives relate, agreed with the partners; early and "
                "transparent communication on where data are hosted; partnerships with regional health "
                "agencies and patient organisations overseas.</p>"
            ),
        },
    },
    "segments": [
        {
            "group": "citizens",
            "name": FR_FAMILIES,
            "category": "Patients’ family members",
            "description": "People with a suspected rare disease and no diagnosis yet, and their families.",
            "needs": "Realistic information on what sequencing can find, on delays and on data sharing.",
            "preferences": "Patient organisations, the rare disease networks, the PFMG2025 website.",
            "hard_to_reach": False,
        },
        {
            "group": "citizens",
            "name": FR_CANCER,
            "category": "Patients",
            "description": "Patients offered tumour sequencing within the PFMG2025 cancer indications.",
            "needs": "How results can guide treatment and what reuse of their data involves.",
            "preferences": "Their oncologist, cancer patient organisations, printed leaflets.",
            "hard_to_reach": False,
        },
        {
            "group": "citizens",
            "name": FR_OVERSEAS,
            "category": None,
            "description": (
                "People in the overseas departments and regions, far from the national sequencing platforms."
            ),
            "needs": "Information reflecting local care pathways and reassurance of equal access.",
            "preferences": "Local radio, regional health agencies, community associations.",
            "hard_to_reach": True,
        },
        {
            "group": "professionals",
            "name": FR_PRESCRIBERS,
            "category": "Doctors",
            "description": "Physicians who prescribe genome sequencing within the national indications.",
            "needs": "Clear guidance on what to tell patients about data reuse and 1+MG.",
            "preferences": "Network newsletters, webinars, learned society congresses.",
            "hard_to_reach": False,
        },
        {
            "group": "professionals",
            "name": FR_COUNSELLORS,
            "category": "Genetic counsellors",
            "description": "Genetic counsellors who support patients before and after sequencing.",
            "needs": "Ready answers to patients' questions on data sharing and their rights.",
            "preferences": "Professional network meetings, shared slide decks, webinars.",
            "hard_to_reach": False,
        },
    ],
    "messages": [
        {
            "segment": None,
            "message": (
                "The national genomic medicine plan brings genome sequencing into care; connecting it to "
                "1+MG lets patients in France benefit from data across Europe."
            ),
            "supporting_points": "National sequencing platforms; federated access; data stay in France.",
            "evidence": "PFMG2025 documentation; GDI guide, section 4.",
        },
        {
            "segment": None,
            "message": (
                "Your rights stay the same: you are informed, you consent, you may choose not to know, and "
                "you may object to the reuse of your data."
            ),
            "supporting_points": "Patient rights under French law and the GDPR; consent forms of PFMG2025.",
            "evidence": "Consent information reviewed with patient organisations (planned).",
        },
        {
            "segment": FR_FAMILIES,
            "message": (
                "European data sharing aims to shorten the diagnostic odyssey: a variant seen once in "
                "France may have been seen elsewhere in Europe."
            ),
            "supporting_points": "Matching rare cases across countries; rare disease networks as guides.",
            "evidence": "GDI guide, section 4 (benefits for rare diseases).",
        },
        {
            "segment": FR_CANCER,
            "message": "Tumour genome analysis can guide your treatment; shared data broaden the evidence.",
            "supporting_points": "Comparison with similar patients across Europe.",
            "evidence": "GDI guide, section 4 (data access examples).",
        },
        {
            "segment": FR_OVERSEAS,
            "message": (
                "Genomic medicine is for all of France: the national plan aims at equal access wherever you "
                "live, including overseas."
            ),
            "supporting_points": "Prescription via regional hospitals; tele-consultation for counselling.",
            "evidence": "To be documented with the regional health agencies.",
        },
        {
            "segment": FR_PRESCRIBERS,
            "message": (
                "Prescribe within the national indications as today; 1+MG adds a European comparison for "
                "unsolved cases."
            ),
            "supporting_points": "No change to prescription pathways; one-page summary on data reuse.",
            "evidence": "PFMG2025 prescription guidance.",
        },
        {
            "segment": FR_COUNSELLORS,
            "message": (
                "You are often the first to hear patients' questions about data sharing: here are validated "
                "answers on rights and 1+MG."
            ),
            "supporting_points": "Shared FAQ; training session with the professional network.",
            "evidence": "Adapted GDI healthcare professional factsheet.",
        },
    ],
    "channels": [
        {
            "name": FR_WEBSITE,
            "category": "A website for the national 1+MG initiative",
            "description": "PFMG2025 website pages acting as the national 1+MG website.",
            "tactics": [
                {"description": "Patient rights page and FAQ in plain French.", "segment": None},
                {"description": "Section on rare disease diagnosis and 1+MG.", "segment": FR_FAMILIES},
            ],
        },
        {
            "name": FR_SOCIAL,
            "category": "Social media",
            "description": "Posts on LinkedIn and partners' accounts.",
            "tactics": [
                {"description": "Short patient testimonies on Rare Disease Day.", "segment": FR_FAMILIES},
            ],
        },
        {
            "name": FR_WEBINARS,
            "category": "Webinars",
            "description": "Webinars co-hosted with the rare disease networks.",
            "tactics": [
                {
                    "description": "Quarterly webinar on data reuse for prescribers.",
                    "segment": FR_PRESCRIBERS,
                },
                {"description": "Case-based session for genetic counsellors.", "segment": FR_COUNSELLORS},
            ],
        },
        {
            "name": FR_EVENTS,
            "category": None,
            "description": "Press work and events with patient organisations and regional partners.",
            "tactics": [
                {
                    "description": "Information days with regional health agencies overseas.",
                    "segment": FR_OVERSEAS,
                },
            ],
        },
    ],
    "content_items": [
        {
            "title": "Factsheet: your rights in genomic medicine",
            "content_type": "factsheet",
            "channel": FR_WEBSITE,
            "segment": None,
            "month_offset": 6,
            "status": "published",
            "owner": "PFMG2025 communication team",
        },
        {
            "title": "Rare Disease Day 2027 press release",
            "content_type": "press_release",
            "channel": FR_EVENTS,
            "segment": FR_FAMILIES,
            "month_offset": 25,
            "status": "planned",
            "owner": "PFMG2025 communication team",
        },
    ],
    "stakeholders": [
        {
            "name": "Rare disease patient organisations",
            "role": "Voice of families; co-design of patient rights material.",
            "engagement_activity": "Review workshops; Rare Disease Day activities.",
            "feedback_mechanism": "Workshop reports.",
        },
        {
            "name": "CNIL (data protection authority)",
            "role": "Supervisory authority for personal data.",
            "engagement_activity": "Consultation on consent information.",
            "feedback_mechanism": "Written opinion.",
        },
    ],
    "objectives": [
        {
            "title": "Inform patients of their rights in genomic medicine",
            "description": "Patients understand their rights and choices before sequencing.",
            "alignment": "PFMG2025 patient information; B1MG recommendation 2.",
            "kpis": [
                {
                    "metric": "Patients who say they received clear information on data reuse",
                    "baseline": "Not yet measured",
                    "target": "75% by 2027",
                    "method": "Questionnaire in genetics consultations",
                    "frequency": "biannually",
                },
            ],
        },
        {
            "title": "Equip prescribers and genetic counsellors",
            "description": "Professionals use consistent, validated material on 1+MG.",
            "alignment": "PFMG2025 professional guidance; B1MG recommendation 6.",
            "kpis": [
                {
                    "metric": "Professionals attending webinars (cumulative)",
                    "baseline": "0",
                    "target": "800 by end of 2027",
                    "method": "Registration data",
                    "frequency": "quarterly",
                },
                {
                    "metric": "Rare disease networks distributing the material",
                    "baseline": "0",
                    "target": "All networks by end of 2026",
                    "method": "Partner survey",
                    "frequency": "annually",
                },
            ],
        },
    ],
    "risks": [
        {
            "description": "Confusion between PFMG2025, the national health data platform and the EHDS.",
            "likelihood": 4,
            "impact": 3,
            "mitigation": "One agreed explainer of how the initiatives relate.",
            "contingency": "FAQ update and briefing for partners.",
            "owner": "Communication lead",
        },
        {
            "description": "Public debate on health data hosting reduces trust.",
            "likelihood": 3,
            "impact": 4,
            "mitigation": "Transparent information on where and how data are hosted.",
            "contingency": "Public Q&A with the programme's data protection officer.",
            "owner": "Communication lead",
        },
        {
            "description": "Overseas departments and regions are reached less well.",
            "likelihood": 4,
            "impact": 4,
            "mitigation": "Partnerships with regional health agencies and local associations.",
            "contingency": "Dedicated budget for local events and radio.",
            "owner": "Patient engagement officer",
        },
    ],
    "roles": [
        {
            "role": "Communication lead",
            "holder": "PFMG2025 coordination",
            "responsibilities": "Owns the strategy and coordinates partners.",
        },
    ],
    "budget_lines": [],
    "tasks": {
        "Learn about the 1+MG initiative": {
            "status": "done",
            "start_offset_days": -400,
            "due_offset_days": -330,
            "owner": "lead",
            "description": "",
        },
        "Connect to the initiative at a European level": {
            "status": "done",
            "start_offset_days": -400,
            "due_offset_days": -350,
            "owner": "lead",
            "description": "",
        },
        "What groups are difficult to reach or vulnerable?": {
            "status": "done",
            "start_offset_days": -200,
            "due_offset_days": -120,
            "owner": "editor",
            "description": "Overseas departments and regions identified as a priority.",
        },
        "Develop the plan - Adapt the template strategy in Appendix": {
            "status": "done",
            "start_offset_days": -150,
            "due_offset_days": -14,
            "owner": "lead",
            "description": "Submitted for review.",
        },
        "Risk management plan": {
            "status": "in_progress",
            "start_offset_days": -30,
            "due_offset_days": -3,
            "owner": "editor",
            "description": "",
        },
        "Execute the strategy": {
            "status": "todo",
            "start_offset_days": 14,
            "due_offset_days": 500,
            "owner": "lead",
            "description": "",
        },
    },
    "extra_tasks": [
        {
            "phase": "initiate",
            "parent": "Prioritise trust",
            "title": "Consult CNIL on the patient rights factsheet",
            "status": "todo",
            "start_offset_days": 3,
            "due_offset_days": 12,
            "owner": "lead",
            "section": "stakeholder_engagement",
        },
    ],
    "assessments": {
        1: {"status": "in_place", "evidence": "Communication staff funded within the PFMG2025 coordination."},
        2: {"status": "in_progress", "evidence": "Patient organisations consulted on consent information."},
        3: {"status": "in_place", "evidence": "Three communication goals with KPIs."},
        4: {
            "status": "planned",
            "evidence": "Explainer on PFMG2025, the national health data platform and the EHDS.",
        },
        5: {"status": "in_progress", "evidence": "Overseas residents identified as a hard-to-reach segment."},
        6: {"status": "not_started", "evidence": ""},
    },
}

# ---------------------------------------------------------------------------------------------------
# Portugal: approved, about half filled in
# ---------------------------------------------------------------------------------------------------

PT_COHORT = "Genome of Europe cohort participants"
PT_ISLANDS = "Residents of the Azores and Madeira"
PT_INTERIOR = "Residents of rural inland regions"
PT_FAMILY_DOCTORS = "Family doctors"
PT_LAB = "Laboratory scientists"

PT_WEBSITE = "National 1+MG website"
PT_SOCIAL = "Social media"
PT_LOCAL = "Regional radio and local events"

PORTUGAL = {
    "title": "Portugal 1+MG communication and engagement strategy 2025–2027",
    "language": "en",
    "period": ("2025-01-01", "2027-12-31"),
    # The national contact printed on the PDF's contact page (demo addresses, .example e-mail).
    "contact": {
        "contact_name": "INSA communication office",
        "contact_address": (
            "Instituto Nacional de Saúde Doutor Ricardo Jorge\nAvenida Padre Cruz\n1649-016 Lisboa, Portugal"
        ),
        "contact_email": "comunicacao@insa.example",
    },
    "sections": {
        "executive_summary": {
            "overview": (
                "<p>Led by <strong>INSA</strong> (Instituto Nacional de Saúde Doutor Ricardo Jorge), this "
                "strategy prepares people in Portugal for the 1+ Million Genomes infrastructure and invites "
                "them to take part in the national contribution to the <strong>Genome of Europe</strong> "
                "reference cohort. It builds on the trust people place in their national public health "
                "institute.</p>"
            ),
            "objectives_and_outcomes": (
                "<ul>"
                "<li>People know that INSA looks after Portugal's genomic data and how it protects them.</li>"
                "<li>Invited citizens understand the Genome of Europe cohort and choose freely whether to "
                "take part.</li>"
                "<li>The cohort reflects the whole country, including the Azores, Madeira and rural inland "
                "regions.</li>"
                "</ul>"
            ),
        },
        "introduction": {
            "background": (
                "<p>INSA leads Portugal's work on 1+MG and in the European Genomic Data Infrastructure "
                "project. The Genome of Europe, started in 2024, is building national reference cohorts of "
                "whole genomes that will be among the first data in the 1+MG infrastructure.</p>"
            ),
            "purpose": (
                "<p>To explain 1+MG and the Genome of Europe to citizens and professionals, and to support "
                "recruitment of a reference cohort that is representative of Portugal.</p>"
            ),
        },
        "objectives": {
            "communication_goals": (
                "<ol>"
                "<li>Build trust in INSA as the guardian of national genomic data.</li>"
                "<li>Support informed participation in the Genome of Europe reference cohort.</li>"
                "<li>Reach the islands and rural inland regions as well as the large cities.</li>"
                "</ol>"
            ),
            "alignment": (
                "<p>Aligned with the 1+MG roadmap and the Genome of Europe aim of population-representative "
                "reference data, and with INSA's public health mission.</p>"
            ),
        },
        "target_audience": {
            "audience_segments": (
                "<p>Citizens invited to the Genome of Europe cohort, residents of the Azores and Madeira, "
                "residents of rural inland regions, family doctors and laboratory scientists.</p>"
            ),
            "needs_and_preferences": (
                "<p>Citizens want to know why they were invited, what taking part involves and who uses "
                "the data. Island and inland residents rely on regional media and their health centre. "
                "Family doctors need a short guide to answer patients' questions.</p>"
            ),
        },
        "key_messages": {
            "key_messages": (
                "<ul>"
                "<li>INSA, your national public health institute, looks after Portugal's genomic data.</li>"
                "<li>The Genome of Europe reference cohort helps make genetic diagnoses more accurate for "
                "people in Portugal.</li>"
                "<li>Wherever you live, on the islands or the mainland, your participation counts.</li>"
                "</ul>"
            ),
            "tailored_messages": (
                "<p>Tailored messages for cohort participants, island and inland residents, family doctors "
                "and laboratory scientists are listed in the key messages list.</p>"
            ),
            "supporting_points": (
                "<p>Data stay in Portugal and are accessed through the federated 1+MG infrastructure; "
                "participation is voluntary and can be withdrawn.</p>"
            ),
        },
        "channels": {
            "channels": (
                "<p>INSA's website as national 1+MG website, social media, and regional radio and local "
                "events with the regional health services of the Azores and Madeira.</p>"
            ),
        },
        "content_strategy": {
            "tone_and_branding": (
                "<p>Clear, calm and institutional, in European Portuguese, combining INSA's identity with "
                "the 1+MG visual identity.</p>"
            ),
        },
        "monitoring_evaluation": {
            "metrics_and_kpis": (
                "<p>Trust in INSA as a data guardian, cohort enrolment by region, and website visits (see "
                "the objectives list).</p>"
            ),
            "evaluation_and_reporting": "<p>An annual report to INSA's board and the 1+MG Special Group.</p>",
        },
        "conclusion": {
            "summary": (
                "<p>Portugal's strategy builds on trust in INSA to explain 1+MG and to recruit a Genome of "
                "Europe cohort that represents the whole country, islands and inland regions included.</p>"
            ),
        },
        "appendices": {
            "contact_information": "<p>INSA communication office: comunicacao@insa.example (demo).</p>",
        },
    },
    "segments": [
        {
            "group": "citizens",
            "name": PT_COHORT,
            "category": "Adults",
            "description": "Citizens invited to contribute their genome to the national reference cohort.",
            "needs": "Why they were invited, what taking part involves, how to withdraw.",
            "preferences": "Letter of invitation, INSA website, their health centre.",
            "hard_to_reach": False,
        },
        {
            "group": "citizens",
            "name": PT_ISLANDS,
            "category": None,
            "description": "People living in the autonomous regions of the Azores and Madeira.",
            "needs": "Assurance that the islands are part of the national reference.",
            "preferences": "Regional radio and newspapers, regional health services.",
            "hard_to_reach": False,
        },
        {
            "group": "citizens",
            "name": PT_INTERIOR,
            "category": None,
            "description": "Residents of rural inland regions, often older and far from hospitals.",
            "needs": "Simple explanations and a local person to ask.",
            "preferences": "Local radio, parish events, health centres.",
            "hard_to_reach": False,
        },
        {
            "group": "professionals",
            "name": PT_FAMILY_DOCTORS,
            "category": "Doctors",
            "description": "Family doctors in primary care health centres.",
            "needs": "A short guide to answer patients' questions about the cohort.",
            "preferences": "Professional newsletters, short online sessions.",
            "hard_to_reach": False,
        },
        {
            "group": "professionals",
            "name": PT_LAB,
            "category": "Laboratory scientists",
            "description": "Staff in laboratories generating and processing genomic data.",
            "needs": "Shared understanding of 1+MG data standards and public messages.",
            "preferences": "Technical workshops and GDI community channels.",
            "hard_to_reach": False,
        },
    ],
    "messages": [
        {
            "segment": None,
            "message": "INSA, your national public health institute, looks after Portugal's genomic data.",
            "supporting_points": "Public institute; data stay in Portugal; federated access only.",
            "evidence": "GDI guide, section 4 (federated infrastructure).",
        },
        {
            "segment": None,
            "message": (
                "Portugal's genomes help build the Genome of Europe, a reference that makes genetic "
                "diagnoses more accurate for everyone."
            ),
            "supporting_points": "National reference cohort of healthy and diseased individuals.",
            "evidence": "GDI guide, section 4 (Genome of Europe).",
        },
        {
            "segment": PT_COHORT,
            "message": "Taking part is your choice: you can ask questions at any time and withdraw.",
            "supporting_points": "Information session and contact line before consent.",
            "evidence": "Cohort information sheet.",
        },
        {
            "segment": PT_ISLANDS,
            "message": (
                "The Azores and Madeira have their own genetic history: without you, Portugal's reference "
                "is incomplete."
            ),
            "supporting_points": "Recruitment with the regional health services.",
            "evidence": "Cohort sampling plan by region.",
        },
        {
            "segment": PT_INTERIOR,
            "message": "Wherever you live, your participation counts as much as anyone's in Lisbon or Porto.",
            "supporting_points": "Sample collection at local health centres.",
            "evidence": "Cohort sampling plan by region.",
        },
        {
            "segment": PT_FAMILY_DOCTORS,
            "message": "Patients may ask about Genome of Europe invitations: INSA has a one-page guide.",
            "supporting_points": "One-page guide and contact line for professionals.",
            "evidence": "Adapted GDI healthcare professional factsheet.",
        },
    ],
    "channels": [
        {
            "name": PT_WEBSITE,
            "category": "A website for the national 1+MG initiative",
            "description": "INSA's website pages on 1+MG and the Genome of Europe.",
            "tactics": [{"description": "Cohort FAQ and consent information.", "segment": PT_COHORT}],
        },
        {
            "name": PT_SOCIAL,
            "category": "Social media",
            "description": "INSA's social media accounts.",
            "tactics": [{"description": "Short videos explaining the reference cohort.", "segment": None}],
        },
        {
            "name": PT_LOCAL,
            "category": None,
            "description": "Regional radio, newspapers and events with health centres and parishes.",
            "tactics": [
                {
                    "description": "Interviews on regional radio in the Azores and Madeira.",
                    "segment": PT_ISLANDS,
                },
                {"description": "Information sessions at inland health centres.", "segment": PT_INTERIOR},
            ],
        },
    ],
    "content_items": [
        {
            "title": "Genome of Europe: questions and answers",
            "content_type": "article",
            "channel": PT_WEBSITE,
            "segment": PT_COHORT,
            "month_offset": 4,
            "status": "published",
            "owner": "INSA communication office",
        },
    ],
    "stakeholders": [
        {
            "name": "Regional health services of the Azores and Madeira",
            "role": "Partners for recruitment and information on the islands.",
            "engagement_activity": "Joint information sessions.",
            "feedback_mechanism": "Quarterly coordination meeting.",
        },
    ],
    "objectives": [
        {
            "title": "Build trust in INSA as guardian of genomic data",
            "description": "Citizens see INSA as a trustworthy guardian of their genomic data.",
            "alignment": "B1MG recommendation 2; 1+MG data protection by design.",
            "kpis": [
                {
                    "metric": "Respondents who trust INSA to protect genomic data",
                    "baseline": "To be measured in the 2025 survey",
                    "target": "An increase of 10 percentage points by 2027",
                    "method": "National online survey",
                    "frequency": "annually",
                },
            ],
        },
        {
            "title": "A Genome of Europe cohort that represents the whole country",
            "description": "Informed participation from every region, islands and inland areas included.",
            "alignment": "Genome of Europe aim of population-representative reference data.",
            "kpis": [
                {
                    "metric": "Regions reaching their enrolment target",
                    "baseline": "0 of 7 regions",
                    "target": "7 of 7 regions by end of 2027",
                    "method": "Cohort enrolment records",
                    "frequency": "quarterly",
                },
                {
                    "metric": "Monthly visits to the cohort FAQ",
                    "baseline": "0 (new page)",
                    "target": "3,000 a month during recruitment",
                    "method": "Web analytics",
                    "frequency": "monthly",
                },
            ],
        },
    ],
    "risks": [
        {
            "description": "Low enrolment on the islands and in inland regions.",
            "likelihood": 3,
            "impact": 4,
            "mitigation": "Local partners and radio; sample collection at local health centres.",
            "contingency": "Extend recruitment period in under-represented regions.",
            "owner": "Cohort coordinator",
        },
        {
            "description": "Rumours that genomic data are sold to companies.",
            "likelihood": 2,
            "impact": 4,
            "mitigation": "Clear FAQ on who may access data and under which conditions.",
            "contingency": "Public statement by INSA and the data protection officer.",
            "owner": "Communication lead",
        },
        {
            "description": "Family doctors unaware of invitations their patients receive.",
            "likelihood": 3,
            "impact": 2,
            "mitigation": "Inform primary care before each recruitment wave.",
            "contingency": "Direct contact line for professionals.",
            "owner": "Communication lead",
        },
    ],
    "roles": [],
    "budget_lines": [],
    "tasks": {
        "Learn about the 1+MG initiative": {
            "status": "done",
            "start_offset_days": -500,
            "due_offset_days": -420,
            "owner": "lead",
            "description": "",
        },
        "Explore the needs and beliefs of your citizens and healthcare professionals": {
            "status": "done",
            "start_offset_days": -420,
            "due_offset_days": -300,
            "owner": "editor",
            "description": "",
        },
        "Develop the plan - Adapt the template strategy in Appendix": {
            "status": "done",
            "start_offset_days": -300,
            "due_offset_days": -60,
            "owner": "lead",
            "description": "Approved.",
        },
        "Execute the strategy": {
            "status": "in_progress",
            "start_offset_days": -60,
            "due_offset_days": 400,
            "owner": "lead",
            "description": "",
        },
        "Monitor the execution": {
            "status": "in_progress",
            "start_offset_days": -30,
            "due_offset_days": 9,
            "owner": "editor",
            "description": "First quarterly enrolment and reach report.",
        },
        "Share findings with other 1+MG national implementations": {
            "status": "todo",
            "start_offset_days": 90,
            "due_offset_days": 120,
            "owner": "lead",
            "description": "",
        },
    },
    "extra_tasks": [],
    "assessments": {
        1: {"status": "in_place", "evidence": "Communication budget secured within INSA's 1+MG activities."},
        2: {"status": "in_progress", "evidence": "Annual public report on the cohort and its use."},
        3: {"status": "in_place", "evidence": "Two objectives with KPIs tied to the cohort."},
        4: {"status": "in_place", "evidence": "Communication aligned with the Genome of Europe partners."},
        5: {"status": "planned", "evidence": "Regional partnerships for the islands and inland regions."},
        6: {
            "status": "not_applicable",
            "evidence": "Training is covered by a separate national plan, as the guide's scope suggests.",
        },
    },
}

DEMO_STRATEGIES = {"DE": GERMANY, "FR": FRANCE, "PT": PORTUGAL}
