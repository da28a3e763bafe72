"""Content of the GDI guide for the 1+ Million Genomes initiative (docs/guide.txt), transcribed verbatim.

Everything the guide offers national communication officers lives here as plain data: the strategy
template of appendix V, the action plan of section 5 and its example lists, the B1MG recommendations,
the key information questions, the glossary, the additional resources, the branding guidelines and the
guide's other messages. Data migrations load it into the database (see guide/loading.py).

The guide's own words are kept verbatim, typos included; only line breaks of the PDF extraction,
bullet glyphs and footnote numbers were removed (footnote links are kept as URLs). The ``guidance``
texts of SECTIONS and their prompts are practical advice written for this tool, drawn from the guide.
"""

from __future__ import annotations

FUNDING_STATEMENT = (
    "GDI project receives funding from the European Union’s Digital Europe Programme under grant "
    "agreement number 101081813."
)

# ---------------------------------------------------------------------------------------------------
# Appendix V: 1+ Million Genomes national communication and engagement strategy template
# ---------------------------------------------------------------------------------------------------

SECTIONS = [
    {
        "number": 1,
        "key": "executive_summary",
        "title": "Executive Summary",
        "guidance": (
            "Write this section last, once the rest of the strategy is settled, and keep it short enough "
            "for a decision-maker to read on its own. Say in plain words what the strategy will achieve "
            "for citizens and healthcare professionals and how it prepares them for full operation of the "
            "1+ Million Genomes infrastructure in your country. Mention that dedicated funding and "
            "expertise are in place, as the B1MG recommendation 'Ensure sufficient resources and "
            "capacity' asks."
        ),
        "prompts": [
            {
                "field": "overview",
                "prompt": "Brief overview of the strategy",
                "guidance": (
                    "In two or three sentences: who the strategy addresses (citizens and healthcare "
                    "professionals), what it will do and over which period."
                ),
            },
            {
                "field": "objectives_and_outcomes",
                "prompt": "Key objectives and anticipated outcomes",
                "guidance": (
                    "Repeat the main goals of the Objectives section and the change you expect, e.g. "
                    "awareness of 1+MG, trust in genomic data sharing, citizens' views heard in national "
                    "1+MG governance."
                ),
            },
        ],
    },
    {
        "number": 2,
        "key": "introduction",
        "title": "Introduction",
        "guidance": (
            "Set the national and European context: the 1+ Million Genomes initiative is an agreement by "
            "25 EU nations and Norway, implemented by the GDI project. The guide's key information "
            "(what the initiative, infrastructure and framework are, and when it is happening) can be "
            "adapted here. State the scope clearly: the guide covers citizens and healthcare "
            "professionals, not researchers or policymakers, and communication and engagement, not "
            "training and education, which need to be planned separately."
        ),
        "prompts": [
            {
                "field": "background",
                "prompt": "Background information",
                "guidance": (
                    "Summarise the 1+MG initiative, the GDI project and your national genomic programme; "
                    "key information questions 1-3, 10 and 11 are a good starting point."
                ),
            },
            {
                "field": "purpose",
                "prompt": "Purpose of the strategy",
                "guidance": (
                    "Explain why you engage now: to keep citizens and healthcare professionals informed "
                    "about the issues that impact them and to let them contribute to decision making."
                ),
            },
            {
                "field": "scope_and_context",
                "prompt": "Scope and context",
                "guidance": (
                    "Say which audiences and activities are covered and which are not (e.g. researchers, "
                    "policymakers, training), and give your national timescales for the infrastructure."
                ),
            },
        ],
    },
    {
        "number": 3,
        "key": "objectives",
        "title": "Objectives",
        "guidance": (
            "Follow the B1MG recommendation 'Define engagement goals and tools': answering the question "
            "“why are we engaging” comes before choosing how to engage, and the goals and the roles of "
            "participants then decide the tools. Goals should reflect the national and European context "
            "of 1+MG ('Build connection between initiatives') and be specific enough to be measured in "
            "the Monitoring and evaluation section."
        ),
        "prompts": [
            {
                "field": "communication_goals",
                "prompt": "Clear and specific communication goals",
                "guidance": (
                    "Make each goal measurable and time-bound, e.g. 'half of the country's genetic "
                    "counsellors have attended a 1+MG webinar by 2026'; distinguish informing audiences "
                    "from involving them in decisions."
                ),
            },
            {
                "field": "alignment",
                "prompt": "Alignment with 1+MG objectives and national genomic plan",
                "guidance": (
                    "Show how each goal supports the 1+MG roadmap 2023-2027 and your national genomic "
                    "plan, and how it links to other data sharing initiatives such as the European Health "
                    "Data Space."
                ),
            },
        ],
    },
    {
        "number": 4,
        "key": "target_audience",
        "title": "Target audience",
        "guidance": (
            "Start from the guide's example groups of citizens (adults, children, patients, service "
            "users, survivors, carers, patients’ family members, community leaders, advocacy groups) and "
            "of healthcare professionals (doctors, nurses, midwives, pharmacists, allied health "
            "professionals, genetic counsellors, clinical geneticists, laboratory scientists, clinical "
            "bioinformaticians). Ask which groups are difficult to reach or vulnerable: engaging citizens "
            "from a range of backgrounds brings different perspectives, and partnering with community "
            "leaders can help with hard-to-reach groups."
        ),
        "prompts": [
            {
                "field": "audience_segments",
                "prompt": "Identification of key audience segments",
                "guidance": (
                    "List the citizen and healthcare-professional groups that matter in your country and "
                    "flag those that are hard to reach or vulnerable."
                ),
            },
            {
                "field": "needs_and_preferences",
                "prompt": "Audience needs and preferences",
                "guidance": (
                    "For each group, note what it needs to know, what it believes or worries about (e.g. "
                    "consent choices, data protection) and how it prefers to receive information; ask the "
                    "groups themselves."
                ),
            },
        ],
    },
    {
        "number": 5,
        "key": "key_messages",
        "title": "Key messages",
        "guidance": (
            "Build on the guide's 1+MG key information: what the initiative and the infrastructure are, "
            "what data will be included, who will have access, the benefits, how the data will be "
            "protected and what choices citizens have. Adapt it to each audience as the citizen and "
            "healthcare professional factsheet templates do, and fill in national details such as your "
            "national timescales and national 1+MG website."
        ),
        "prompts": [
            {
                "field": "key_messages",
                "prompt": "Key messages",
                "guidance": "Three to five core messages in plain language that all audiences remember.",
            },
            {
                "field": "tailored_messages",
                "prompt": "Tailored messages for different audiences",
                "guidance": (
                    "Adapt the core messages per group, e.g. choices and data protection for citizens, "
                    "access to data to help choose the best treatment for healthcare professionals."
                ),
            },
            {
                "field": "supporting_points",
                "prompt": "Supporting points and evidence",
                "guidance": (
                    "Back each message with evidence: the 1+MG framework and roadmap, national facts and "
                    "success stories from the secondary use of data."
                ),
            },
        ],
    },
    {
        "number": 6,
        "key": "channels",
        "title": "Channels and tactics",
        "guidance": (
            "The guide suggests a website for the national 1+MG initiative, social media, newsletters, "
            "blog posts, webinars and podcasts, and the template adds email, press releases and events. "
            "Choose the channels your target groups actually use, and plan how you will use the short "
            "outreach videos that GDI makes available for national use in 2025."
        ),
        "prompts": [
            {
                "field": "channels",
                "prompt": "Communication channels (e.g., social media, email, press releases, events)",
                "guidance": "List the channels you will use and the audiences each one reaches.",
            },
            {
                "field": "tactics",
                "prompt": "Specific tactics for each channel",
                "guidance": (
                    "For each channel, say what you will do and how often, e.g. a monthly newsletter for "
                    "patient organisations or a webinar series for nurses and midwives."
                ),
            },
            {
                "field": "integration",
                "prompt": "Integration and coordination of channels",
                "guidance": (
                    "Explain how the channels point to each other (e.g. all link to the national 1+MG "
                    "website) and how you coordinate with 1+MG and GDI communication at European level."
                ),
            },
        ],
    },
    {
        "number": 7,
        "key": "content_strategy",
        "title": "Content strategy",
        "guidance": (
            "Plan the content that carries your key messages: the adapted citizen and healthcare "
            "professional factsheets, the outreach videos, articles, infographics and success stories "
            "from the secondary use of data. Follow the 1+MG branding guidelines (visual identity and "
            "colour palette) so that national material is consistent with the European initiative."
        ),
        "prompts": [
            {
                "field": "content_types",
                "prompt": "Types of content to be created (e.g., articles, videos, infographics)",
                "guidance": (
                    "List the formats you will produce, starting from the guide's factsheet templates "
                    "and the GDI outreach videos."
                ),
            },
            {
                "field": "calendar",
                "prompt": "Content calendar and scheduling",
                "guidance": (
                    "Schedule content around national milestones, such as your country becoming "
                    "technically operational, and around 1+MG and GDI events."
                ),
            },
            {
                "field": "tone_and_branding",
                "prompt": "Tone, style and branding guidelines",
                "guidance": (
                    "Use plain language for citizens and more technical detail for professionals; apply "
                    "the 1+MG visual identity and send questions on it to CNECT-1MGENOMES@ec.europa.eu."
                ),
            },
        ],
    },
    {
        "number": 8,
        "key": "stakeholder_engagement",
        "title": "Stakeholder engagement",
        "guidance": (
            "B1MG recommends to 'Facilitate accountability': engagement is only truly successful if "
            "citizens have a voice in national 1+MG governance and researchers listen to citizens, take "
            "on board their feedback and share results openly. Prioritise trust by ensuring citizens are "
            "compensated and acknowledged, and choose engagement tools that fit your goals (for example, "
            "a patient board or a questionnaire)."
        ),
        "prompts": [
            {
                "field": "stakeholders_and_roles",
                "prompt": "Key stakeholders and their roles",
                "guidance": (
                    "Name the groups and organisations you will involve (patient and advocacy groups, "
                    "community leaders, professional bodies) and the role each one plays."
                ),
            },
            {
                "field": "activities",
                "prompt": "Engagement strategies and activities",
                "guidance": (
                    "Describe the engagement tools, e.g. a patient board, questionnaires, workshops or a "
                    "consultation on consent choices, designed to explore diverging views."
                ),
            },
            {
                "field": "feedback_mechanisms",
                "prompt": "Feedback and involvement mechanisms",
                "guidance": (
                    "Explain how views are collected, fed into national 1+MG governance and reported "
                    "back, so that participants see what their contribution changed."
                ),
            },
        ],
    },
    {
        "number": 9,
        "key": "implementation_plan",
        "title": "Implementation plan",
        "guidance": (
            "Adapt the guide's action plan (Initiate, Execute, Evaluate and report) into a timeline for "
            "your country. Before designing the strategy, ensure national funding and expertise are "
            "available ('Ensure sufficient resources and capacity'), and train engagement and "
            "communication staff to deliver it ('Develop capacity')."
        ),
        "prompts": [
            {
                "field": "action_plan",
                "prompt": "Detailed action plan and timeline",
                "guidance": (
                    "List the tasks of each phase with dates and owners; the guide's action plan template "
                    "is a ready starting point."
                ),
            },
            {
                "field": "roles_and_responsibilities",
                "prompt": "Roles and responsibilities",
                "guidance": (
                    "Say who leads, approves and delivers each part, including the link with your "
                    "country's representative in the 1+MG Special Group."
                ),
            },
            {
                "field": "resources_and_budget",
                "prompt": "Resource allocation and budgeting",
                "guidance": (
                    "Estimate staff time, production and event costs, and compensation for participating "
                    "citizens, and name the funding source: communication and engagement needs dedicated "
                    "funding."
                ),
            },
        ],
    },
    {
        "number": 10,
        "key": "monitoring_evaluation",
        "title": "Monitoring and evaluation",
        "guidance": (
            "The action plan asks you to design 'Metrics, monitoring methods, and evaluation and reporting "
            "processes' before execution. Link each metric to an objective, and plan to share findings "
            "with other 1+MG national implementations and to modify the strategy based on lessons learnt. "
            "The B1MG Maturity Level Model can help you self-evaluate national genomic medicine practices."
        ),
        "prompts": [
            {
                "field": "metrics_and_kpis",
                "prompt": "Metrics and KPIs to measure success",
                "guidance": (
                    "For each objective choose an indicator with a baseline and a target, e.g. website "
                    "visits, webinar attendance, or awareness and trust measured by a survey."
                ),
            },
            {
                "field": "tools_and_methods",
                "prompt": "Tools and methods for monitoring",
                "guidance": (
                    "Name how the data are collected: web and social media analytics, surveys, event "
                    "feedback forms, media monitoring."
                ),
            },
            {
                "field": "evaluation_and_reporting",
                "prompt": "Evaluation and reporting processes",
                "guidance": (
                    "Say how often results are reviewed, who receives the reports and how findings are "
                    "shared with the other 1+MG countries."
                ),
            },
        ],
    },
    {
        "number": 11,
        "key": "risk_management",
        "title": "Risk management",
        "guidance": (
            "The action plan includes a 'Risk management plan' among the processes to design and 'Manage "
            "risk' during execution. Consider risks to public trust (concerns about data privacy and "
            "security, consent and secondary use), to reach (hard-to-reach or vulnerable groups left "
            "out) and to delivery (insufficient funding or expertise, changes to the national "
            "timescales as the infrastructure evolves)."
        ),
        "prompts": [
            {
                "field": "risks_and_challenges",
                "prompt": "Potential risks and challenges",
                "guidance": "List each risk with its likelihood and impact.",
            },
            {
                "field": "mitigation",
                "prompt": "Mitigation strategies",
                "guidance": (
                    "Describe how you will reduce each risk, e.g. clear messages on how the data are "
                    "protected and what choices citizens have, or partnering with community leaders."
                ),
            },
            {
                "field": "contingency",
                "prompt": "Contingency plans",
                "guidance": (
                    "Say what you will do if a risk occurs, e.g. a prepared statement and spokesperson "
                    "for media questions about data protection."
                ),
            },
        ],
    },
    {
        "number": 12,
        "key": "conclusion",
        "title": "Conclusion",
        "guidance": (
            "Summarise the strategy and the next steps. Remind readers that the 1+ Million Genomes "
            "infrastructure will continue to evolve, so the strategy will be reviewed and modified based "
            "on lessons learnt."
        ),
        "prompts": [
            {
                "field": "summary",
                "prompt": "Summary of key points",
                "guidance": (
                    "Recap the objectives, audiences, key messages and main activities in a few sentences, "
                    "and say when the strategy will next be reviewed."
                ),
            },
        ],
    },
]

APPENDICES_SECTION = {
    "number": 13,
    "key": "appendices",
    "title": "Appendices",
    "guidance": (
        "Collect the supporting material readers may need: the factsheets and templates you adapted, the "
        "guide's additional resources, a glossary and who to contact."
    ),
    "prompts": [
        {
            "field": "additional_resources",
            "prompt": "Additional resources and templates",
            "guidance": (
                "List the templates and resources you used, e.g. the adapted factsheets and the resources "
                "from 1+MG, B1MG, GDI and other organisations."
            ),
        },
        {
            "field": "glossary",
            "prompt": "Glossary of terms",
            "guidance": (
                "Define the terms your audiences will meet, starting from the guide's glossary (e.g. "
                "consent, opt-in, opt-out, secondary data analysis) and the 1+MG Glossary."
            ),
        },
        {
            "field": "contact_information",
            "prompt": "Contact information",
            "guidance": (
                "Give the national contact points for the strategy and for enquiries from the public, and "
                "the address of your national 1+MG website."
            ),
        },
    ],
}

# ---------------------------------------------------------------------------------------------------
# Section 5: action plan template and example lists
# ---------------------------------------------------------------------------------------------------

ACTION_PLAN = [
    {
        "phase": "initiate",
        "title": "Learn about the 1+MG initiative",
        "section": "introduction",
        "subtasks": [
            {"title": "Connect to the initiative at a European level", "section": "objectives"},
            {"title": "Connect to the initiative at a national level", "section": "stakeholder_engagement"},
        ],
    },
    {
        "phase": "initiate",
        "title": "Explore the needs and beliefs of your citizens and healthcare professionals",
        "section": "target_audience",
        "subtasks": [
            {"title": "What groups are there?", "section": "target_audience"},
            {"title": "What groups are difficult to reach or vulnerable?", "section": "target_audience"},
        ],
    },
    {
        "phase": "initiate",
        "title": "Prioritise trust",
        "section": "stakeholder_engagement",
        "subtasks": [
            {
                "title": "Ensure citizens are compensated and acknowledged",
                "section": "stakeholder_engagement",
            },
            {
                "title": (
                    "Define processes to gather success stories from the secondary use of data and share "
                    "with citizens and healthcare professionals"
                ),
                "section": "content_strategy",
            },
        ],
    },
    {
        "phase": "initiate",
        "title": "Develop the plan - Adapt the template strategy in Appendix",
        "section": "implementation_plan",
        "subtasks": [
            {"title": "Communication and engagement goals", "section": "objectives"},
            {
                "title": (
                    "Key messages and communication channels - Adapt the citizen and healthcare "
                    "professional factsheets and videos"
                ),
                "section": "key_messages",
            },
            {"title": "Engagement tools and activities", "section": "stakeholder_engagement"},
            {
                "title": "Consider review of the plan by the target audience",
                "section": "stakeholder_engagement",
            },
        ],
    },
    {
        "phase": "initiate",
        "title": "Design processes",
        "section": "implementation_plan",
        "subtasks": [
            {"title": "Ethical framework including data privacy and security", "section": "risk_management"},
            {"title": "Risk management plan", "section": "risk_management"},
            {
                "title": "Metrics, monitoring methods, and evaluation and reporting processes",
                "section": "monitoring_evaluation",
            },
        ],
    },
    {"phase": "execute", "title": "Execute the strategy", "section": "implementation_plan", "subtasks": []},
    {
        "phase": "execute",
        "title": "Monitor the execution",
        "section": "monitoring_evaluation",
        "subtasks": [],
    },
    {"phase": "execute", "title": "Manage risk", "section": "risk_management", "subtasks": []},
    {
        "phase": "evaluate",
        "title": "Share findings with other 1+MG national implementations",
        "section": "monitoring_evaluation",
        "subtasks": [],
    },
    {
        "phase": "evaluate",
        "title": "Modify the strategy based on lessons learnt",
        "section": "monitoring_evaluation",
        "subtasks": [],
    },
]

ACTION_PLAN_INTRO = "Below is an action plan template which can be adapted as appropriate."

CITIZEN_GROUPS = [
    "Adults",
    "Children",
    "Patients",
    "Service users",
    "Survivors",
    "Carers",
    "Patients’ family members",
    "Community leaders",
    "Advocacy groups",
]

PROFESSIONAL_GROUPS = [
    "Doctors",
    "Nurses",
    "Midwives",
    "Pharmacists",
    "Allied health professionals",
    "Genetic counsellors",
    "Clinical geneticists",
    "Laboratory scientists",
    "Clinical bioinformaticians",
]

CHANNELS = [
    "A website for the national 1+MG initiative",
    "Social media",
    "Newsletters",
    "Blog posts",
    "Webinars",
    "Podcasts",
]

# ---------------------------------------------------------------------------------------------------
# Section 3: recommendations for citizen engagement and public trust (B1MG policy brief)
# ---------------------------------------------------------------------------------------------------

# Footnote 1 of the guide.
POLICY_BRIEF_URL = (
    "https://b1mg-project.eu/images/pdf/Policy-Brief-Citizen-Engagement-Public-Trust-Genomic-Data-Sharing.pdf"
)

RECOMMENDATIONS_SOURCE = {
    "title": "Genomic Data Sharing: Recommendations for citizen engagement and public trust",
    "date": "August 2023",
    "url": POLICY_BRIEF_URL,
    "workshop_url": "https://zenodo.org/records/7913029",
    "intro": (
        "The B1MG project released a policy brief entitled Genomic Data Sharing: Recommendations for "
        "citizen engagement and public trust in August 2023. The document summarised the outcomes of an "
        "expert workshop, below are the key takeaways and actions for national implementation."
    ),
}

RECOMMENDATIONS = [
    {
        "number": 1,
        "title": "Ensure sufficient resources and capacity",
        "takeaway": "Communication and engagement needs dedicated funding and resources.",
        "action": "Before designing a national strategy, ensure national funding and expertise are available.",
    },
    {
        "number": 2,
        "title": "Facilitate accountability",
        "takeaway": "Communication and engagement require accountable governance and research.",
        "action": (
            "Consider that engagement is only truly successful if citizens have a voice in national 1+MG "
            "governance and researchers listen to citizens, take on board their feedback and share results "
            "openly."
        ),
    },
    {
        "number": 3,
        "title": "Define engagement goals and tools",
        "takeaway": (
            "Answering the question “why are we engaging” is key to designing an engagement strategy and "
            "choosing how to engage."
        ),
        "action": (
            "Spend time defining the goals of engagement and the roles of participants. Use these to plan "
            "the tools used (for example, a patient board or a questionnaire)."
        ),
    },
    {
        "number": 4,
        "title": "Build connection between initiatives",
        "takeaway": "Engagement should reflect the national and European context of the 1+MG infrastructure.",
        "action": (
            "Build links with other national data sharing initiatives (such as the European Health Data "
            "Space) and stay connected to 1+MG at the European level."
        ),
    },
    {
        "number": 5,
        "title": "Include diverse interests and viewpoints",
        "takeaway": (
            "Engaging with citizens from a range of backgrounds enables different perspectives to be "
            "shared. Partnering with community leaders can be helpful for hard-to-reach groups."
        ),
        "action": "Design engagement to explore diverging views and potentially finding common ground.",
    },
    {
        "number": 6,
        "title": "Develop capacity",
        "takeaway": "Communication and engagement work best when supplemented by training and capacity building.",
        "action": (
            "Train engagement and communication staff to deliver the national engagement strategy. Build "
            "links with, or develop, training programmes in genomic medicine for healthcare professionals "
            "and students. Train citizens to feel empowered to contribute their views."
        ),
    },
]

# ---------------------------------------------------------------------------------------------------
# Section 4: 1+MG infrastructure key information
# ---------------------------------------------------------------------------------------------------

# Footnotes 4/5 and 17 of the guide (the PDF extraction broke these URLs across two lines).
ROADMAP_2018_2022_URL = (
    "https://digital-strategy.ec.europa.eu/en/library/"
    "roadmap-1million-genomes-initiative-now-clearly-illustrated-new-brochure"
)
ROADMAP_2023_2027_URL = (
    "https://digital-strategy.ec.europa.eu/en/news/"
    "1million-genomes-initiative-new-roadmap-adopted-scale-and-sustainability-phase"
)

KEY_QUESTIONS_INTRO = (
    "Below is key information about the 1+Million Genomes infrastructure which can be adapted to fit the "
    "target audience and the context of national implementation. Examples of adaptation are given in the "
    "Citizen Factsheet and Healthcare Professional Factsheet templates (Appendix IV)."
)

PLACEHOLDER_COUNTRY = {"token": "[country]", "key": "country", "label": "Country name"}
PLACEHOLDER_NATIONAL_WEBSITE = {
    "token": "[country 1+MG website]",
    "key": "national_website",
    "label": "National 1+MG website",
}
PLACEHOLDER_NATIONAL_TIMESCALES = {
    "token": "[Add Information on national timescales]",
    "key": "national_timescales",
    "label": "National timescales",
}

KEY_QUESTIONS = [
    {
        "number": 1,
        "question": "What is the 1+ Million Genomes initiative?",
        "answer": (
            "<p>The 1+ Million Genomes, or 1+MG, initiative is an agreement by 25 EU nations and Norway, "
            "to make high-quality genomic and associated clinical data available for research, healthcare "
            "and policy making.</p>"
            "<p>Implementation is described by a two-stage roadmap (2018-2022 and 2023-2027), which "
            "details the activities of participating countries in four areas: governance, guidelines, "
            "infrastructure and data.</p>"
        ),
        "links": [
            "https://digital-strategy.ec.europa.eu/en/policies/1-million-genomes",
            ROADMAP_2018_2022_URL,
            ROADMAP_2023_2027_URL,
        ],
        "placeholders": [],
    },
    {
        "number": 2,
        "question": "What is the 1+ Million Genomes infrastructure?",
        "answer": (
            "<p>The 1+ Million Genomes infrastructure is the technical, legal and organisational "
            "infrastructure required to make genomic data accessible across Europe. It is being implemented "
            "by the EU-funded European Genomic Data Infrastructure (GDI) project. The infrastructure is "
            "designed to be federated, meaning that data will remain within national repositories but can "
            "be accessed and queried securely across borders. The use of open-access global standards gives "
            "each country the flexibility to comply with national regulations while maintaining "
            "interoperability with data from other European countries.</p>"
            "<p>The infrastructure has the following key features:</p>"
            "<ul>"
            "<li>Data will be harmonised to ensure they are high quality, standardised and "
            "“1+MG ready”.</li>"
            "<li>Common systems will support secure federated access to enable comparisons across multiple "
            "datasets without the data needing to move.</li>"
            "<li>Citizens will have consent mechanisms such as opt-in/opt-out and easy mechanisms to "
            "object.</li>"
            "<li>Data users, such as researchers and clinicians, will have efficient and rapid access to "
            "data.</li>"
            "</ul>"
        ),
        "links": ["https://gdi.onemilliongenomes.eu"],
        "placeholders": [],
    },
    {
        "number": 3,
        "question": "What is the 1+ Million Genomes framework?",
        "answer": (
            "<p>The 1+MG framework is a collection of approved guidelines and recommendations for "
            "implementing the 1+ Million Genomes infrastructure. These include data governance, ethical, "
            "legal and social issues, data models and quality, sequencing guidelines, technical "
            "infrastructure, the implementation of genomics into healthcare, use cases and national "
            "resources. The framework can be used as a reference when implementing genomics initiatives at "
            "regional, national, European and global level.</p>"
        ),
        "links": ["https://framework.onemilliongenomes.eu"],
        "placeholders": [],
    },
    {
        "number": 4,
        "question": "What data will be included?",
        "answer": (
            "<p>High quality, standardised data from the following categories will be included in the 1+ "
            "Million Genomes infrastructure, along with associated metadata to give context.</p>"
            "<ul>"
            "<li>Genomic data - DNA sequences from germline and tumours</li>"
            "<li>Phenotypic data - data about observable characteristics of individuals, including "
            "physical traits and disease symptoms</li>"
            "<li>Clinical data - data such as diagnostic results and treatment histories that provide "
            "additional context to the genomic and phenotypic data</li>"
            "</ul>"
        ),
        "links": ["https://framework.onemilliongenomes.eu/data-models-ontologies"],
        "placeholders": [],
    },
    {
        "number": 5,
        "question": "Who will have access to the data?",
        "answer": (
            "<p>Data access requests meeting the 1+ Million Genome access conditions will be granted to "
            "approved users such as the following:</p>"
            "<ul>"
            "<li>Researchers - for example. to study the rare disease carrier frequencies in a specific "
            "population to produce risk assessments tailored to individuals</li>"
            "<li>Healthcare professionals - for example, to help choose the best drug for a patient with a "
            "particular genetic profile based on experiences with similar patients across Europe</li>"
            "<li>Policymakers - for example, to understand the genetic risk factors for heart disease in a "
            "particular population to guide public health interventions</li>"
            "<li>Innovators - for example, to find patients with rare genetic conditions to recruit for a "
            "clinical trial</li>"
            "</ul>"
        ),
        "links": [],
        "placeholders": [],
    },
    {
        "number": 6,
        "question": "What are the benefits of the 1+ Million Genomes initiative?",
        "answer": (
            "<p>Access to high-volume, high-quality, meaningful and interlinked genomics data has the "
            "potential to improve healthcare outcomes in many ways. It will enable more accurate and timely "
            "diagnostics, boost prevention and support the development of more personalised medicines, "
            "therapies and interventions. People with four areas of disease – rare diseases, cancers, other "
            "common complex diseases and infectious diseases – may especially benefit.</p>"
            "<p>The scientific and medical advances derived from access to 1+ Million Genomes data, "
            "combined with supportive policy making, will boost data-driven innovation, including the "
            "development of new markets for health and care-related services, products and medicines. In "
            "the long run, genomic data analysis will improve the effectiveness, accessibility, efficiency, "
            "sustainability and resilience of health systems in the European Union.</p>"
        ),
        "links": [],
        "placeholders": [],
    },
    {
        "number": 7,
        "question": "How will the data be protected?",
        "answer": (
            "<p>The 1+Million Genomes infrastructure is being constructed with data protection by design "
            "and default. Data will only be available for secondary use if there is a legal basis for the "
            "requested use of the data, for example, individual patient consent. Patient data will be "
            "stored securely and will be accessed only by approved individuals for consented purposes. "
            "Analysis that could identify an individual will not be permitted.</p>"
        ),
        "links": ["https://framework.onemilliongenomes.eu/technical-infrastructure"],
        "placeholders": [],
    },
    {
        "number": 8,
        "question": "What choices do citizens have?",
        "answer": (
            "<p>Each country is consulting with a wide range of people to define the choices citizens will "
            "have about consent that fit with the laws of that country and the requirements of 1+ Million "
            "Genomes. More information about this process in [country] on the [country 1+MG website].</p>"
        ),
        "links": ["https://framework.onemilliongenomes.eu/data-governance"],
        "placeholders": [PLACEHOLDER_COUNTRY, PLACEHOLDER_NATIONAL_WEBSITE],
    },
    {
        "number": 9,
        "question": "When will this be happening?",
        "answer": (
            "<p>As of mid-2024 seven countries are technically operational, this will be extended to 15 "
            "countries by 2026. [Add Information on national timescales]</p>"
        ),
        "links": [],
        "placeholders": [PLACEHOLDER_NATIONAL_TIMESCALES],
    },
    {
        "number": 10,
        "question": "How is the Genome of Europe involved in 1+ Million Genomes?",
        "answer": (
            "<p>The Genome of Europe, which started in 2024, will bring together European countries to "
            "build a high-quality European network of national genomic reference cohorts, representative "
            "of the European population. Data from the Genome of Europe will be one of the first types of "
            "data to be stored in the 1+ Million Genomes infrastructure.</p>"
            "<p>All Genome of Europe countries will generate a national genomic reference dataset of whole "
            "genome sequences based on their own population, including both healthy and diseased "
            "individuals. The 1+MG Genomic Data infrastructure will connect these national reference "
            "collections to establish a world-class European reference data resource: The Genome of "
            "Europe. This will include data from at least 100.000 citizens, for medical research and "
            "innovation, personalised approaches in healthcare and disease prevention measures.</p>"
        ),
        "links": [],
        "placeholders": [],
    },
    {
        "number": 11,
        "question": "How is the 1+ Million Genome initiative different from the European Health Data Space?",
        "answer": (
            "<p>1+ Million Genomes and the European Health Data Space are complementary and synergistic. "
            "The European Health Data Space focuses on unlocking data from primary use context, for example "
            "electronic health records. Unlike 1+ Million Genomes, data in the European Health Data Space "
            "is not anticipated to harmonise data for secondary use nor build a dedicated infrastructure "
            "for secondary use.</p>"
            "<p>Both the European Health Data Space and 1+ Million Genomes, through the implementation "
            "project Genomic Data Infrastructure (GDI) project, are Common European Data Spaces.</p>"
        ),
        "links": [
            "https://health.ec.europa.eu/ehealth-digital-health-and-care/european-health-data-space_en",
            "https://digital-strategy.ec.europa.eu/en/policies/data-spaces",
        ],
        "placeholders": [],
    },
]

# ---------------------------------------------------------------------------------------------------
# Appendix I: additional resources
# ---------------------------------------------------------------------------------------------------

RESOURCES = [
    {
        "title": "1+MG EC webpage",
        "description": (
            "The 1+MG webpage from the EC summarises the initiative, the benefit for EU citizens, the "
            "implementation plan and the main outcomes and deliverables."
        ),
        "url": "https://digital-strategy.ec.europa.eu/en/policies/1-million-genomes",
        "group": "1mg",
    },
    {
        "title": "1+MG Roadmap 2023-2027",
        "description": (
            "The 1+MG Roadmap 2023-2027 defines five implementation tracks to realise the 1+MG ambition and "
            "follows the 2020-22 roadmap that focused on the design and testing phase."
        ),
        "url": ROADMAP_2023_2027_URL,
        "group": "1mg",
    },
    {
        "title": "1+MG Framework website",
        "description": (
            "The 1+MG Framework is a series of components based on the output of the 1+MG projects that "
            "provide guidance on ELSI, data quality, data standards, and technical infrastructure standards "
            "and APIs."
        ),
        "url": "https://framework.onemilliongenomes.eu",
        "group": "1mg",
    },
    {
        "title": "B1MG D1.5 Stakeholders trust in genomic data sharing landscape analysis",
        "description": (
            "This scoping report offers conceptual and practical steps for building on the achievements of "
            "the B1MG project to bring benefits to science and society with a specific focus on citizens."
        ),
        "url": "https://zenodo.org/records/6382431",
        "group": "1mg",
    },
    {
        "title": "B1MG D1.6 Citizen engagement and public trust in genomic data sharing",
        "description": (
            "This document summarises an expert workshop on citizen engagement and public trust, held in "
            "January 2023. Recommendations from the experts are communicated separately in D1.7."
        ),
        "url": "https://zenodo.org/records/7913029",
        "group": "1mg",
    },
    {
        "title": "B1MG D1.7 B1MG recommendation on citizens engagement and public trust in genomic data sharing",
        "description": (
            "This policy brief brings together expert recommendations from a workshop on citizen engagement "
            "and public trust, held in January 2023."
        ),
        "url": "https://zenodo.org/records/8403577",
        "group": "1mg",
    },
    {
        "title": "B1MG D5.2 - Roadmap and guidance tool for countries",
        "description": (
            "This playbook proposes steps to address technical infrastructure, clinical guidelines and "
            "infrastructure, ELSI policies, synergies with research and industry, capacity building, "
            "economic models and governance."
        ),
        "url": "https://zenodo.org/records/10067169",
        "group": "1mg",
    },
    {
        "title": "B1MG Maturity Level Model",
        "description": (
            "The B1MG Maturity Level Model (MLM) enables countries to self-evaluate the level of maturity of "
            "national genomic medicine practices following a common matrix."
        ),
        "url": "https://b1mg-project.eu/resources/maturity-level-model",
        "group": "1mg",
    },
    {
        "title": (
            "GA4GH framework for involving and engaging participants, patients, and publics in genomics "
            "research and health implementation"
        ),
        "description": (
            "This document is the Global Alliance for Genomics and Health’s (GA4GH’s) framework for "
            "involving and engaging participants, patients and publics in genomics research and health "
            "implementation."
        ),
        "url": "https://www.ga4gh.org/document/engagement-policy-v1",
        "group": "other",
    },
    {
        "title": (
            "TEHDAS report on lessons learned to be applied and recommendations for data altruism practices "
            "in the implementation of construction of national and European health data spaces (including "
            "broad consent)"
        ),
        "description": (
            "This report, by the EU joint action Towards the European Health Data Space (TEHDAS), presents "
            "recommendations for policymakers at the EU and national level, and data altruism organisations "
            "on how to involve individuals in data sharing – data altruism – in the European Health Data "
            "Space (EHDS)."
        ),
        "url": "https://tehdas.eu/tehdas1/results/tehdas-proposals-for-promoting-data-altruism-in-the-ehds",
        "group": "other",
    },
    {
        "title": "JANE patient involvement toolkit",
        "description": (
            "This patient involvement toolkit was developed within a transversal taskforce of the Joint "
            "Action on Networks of expertise in cancer (JANE)."
        ),
        "url": "https://www.sciensano.be/en/jane-patient-involvement-toolkit",
        "group": "other",
    },
    {
        "title": "Irish Health and Safety Executive resources for patient and public involvement in research",
        "description": (
            "The webpage contains resources including an introduction to patient and public involvement in "
            "research and a guide to resourcing and budgeting."
        ),
        "url": "https://hseresearch.ie/patient-and-public-involvement-in-research",
        "group": "other",
    },
]

# ---------------------------------------------------------------------------------------------------
# Appendix II: branding guidelines
# ---------------------------------------------------------------------------------------------------

PALETTE = [
    {"hex": "#acd196", "name": "Leaf green"},
    {"hex": "#00abb2", "name": "Teal"},
    {"hex": "#6ec6d8", "name": "Sky blue"},
    {"hex": "#F9EC78", "name": "Lemon yellow"},
    {"hex": "#d0e2ea", "name": "Mist blue"},
]

BRANDING_CONTACT = "CNECT-1MGENOMES@ec.europa.eu"

BRANDING_GUIDELINES = (
    "<p>The partial visual identity must only be used in combination with the full identity (for example, "
    "using the full visual identity on the first page of a document, and the circle alone on the last page "
    "as a reminder). This is to ensure consistency in the communication and allow the visual identity to "
    "gain visibility.</p>"
    "<p>Any questions on the 1+MG visual identity should be addressed to "
    f'<a href="mailto:{BRANDING_CONTACT}">{BRANDING_CONTACT}</a>.</p>'
)

# ---------------------------------------------------------------------------------------------------
# Appendix III: glossary
# ---------------------------------------------------------------------------------------------------

GLOSSARY = [
    {
        "term": "1+MG",
        "kind": "acronym",
        "definition": (
            "The 1 + Million Genomes initiative is an agreement by 25 EU nations and Norway, to make "
            "high-quality genomic and associated clinical data available for research, healthcare and "
            "policy making."
        ),
        "url": "https://digital-strategy.ec.europa.eu/en/policies/1-million-genomes",
    },
    {
        "term": "B1MG",
        "kind": "acronym",
        "definition": (
            "The Beyond 1 Million Genomes project (2020-2023) was a Coordination and Support Action (CSA) "
            "funded by the European Union under the Horizon 2020 framework. Its primary goal was to support "
            "the implementation of the 1+ Million Genomes initiative."
        ),
        "url": "https://b1mg-project.eu",
    },
    {
        "term": "GDI",
        "kind": "acronym",
        "definition": (
            "The European Genomic Data Infrastructure project (2022-2026) is funded by the European Union "
            "Digital Europe programme and is building the infrastructure for the 1+ Million Genomes "
            "initiative."
        ),
        "url": "https://gdi.onemilliongenomes.eu",
    },
    {
        "term": "Cohort",
        "kind": "definition",
        "definition": (
            "A group of individuals who share a common characteristic or experience within a defined "
            "period. The term is used in research to refer to groups that are studied over time to observe "
            "changes or outcomes."
        ),
        "url": "",
    },
    {
        "term": "Consent",
        "kind": "definition",
        "definition": (
            "The free and informed expression of the will of an individual, or if the individual lacks "
            "capacity to consent, the person’s legally authorised representative."
        ),
        "url": "",
    },
    {
        "term": "Controlled access",
        "kind": "definition",
        "definition": (
            "A data access model whereby qualified data users apply for data access based on information "
            "provided in an application form and their applications are reviewed by a data access officer "
            "or committee."
        ),
        "url": "",
    },
    {
        "term": "Data reuse",
        "kind": "definition",
        "definition": (
            "The reuse, or secondary use, of health data for purposes other than the primary reason for "
            "which they were originally saved. Other purposes may include scientific research, development "
            "and innovation activities, teaching and statistics."
        ),
        "url": "",
    },
    {
        "term": "Gene",
        "kind": "definition",
        "definition": (
            "A stretch of DNA that performs a particular function. Often, the function of a gene is to "
            "synthesise proteins, which help build and maintain the body."
        ),
        "url": "",
    },
    {
        "term": "Genome",
        "kind": "definition",
        "definition": "The complete set of DNA in an individual.",
        "url": "",
    },
    {
        "term": "Genomics",
        "kind": "definition",
        "definition": "The study of the genomes of individuals.",
        "url": "",
    },
    {
        "term": "Genotype",
        "kind": "definition",
        "definition": "The genetic makeup of an individual with respect to a particular trait or set of traits.",
        "url": "",
    },
    {
        "term": "Metadata",
        "kind": "definition",
        "definition": (
            "Data that provides information about other data. For example, the origin of the data, the "
            "processing details or the sharing permissions."
        ),
        "url": "",
    },
    {
        "term": "Opt-in",
        "kind": "definition",
        "definition": (
            "Permission that is only valid when actively provided by the individual. For example, “please "
            "check this box if you agree to make your data available for further research purposes.”"
        ),
        "url": "",
    },
    {
        "term": "Opt-out",
        "kind": "definition",
        "definition": (
            "Active rejection of a default permission. For example, “your data will be made available for "
            "further research purposes unless you contact us and refuse.”"
        ),
        "url": "",
    },
    {
        "term": "Phenotype",
        "kind": "definition",
        "definition": (
            "All the observable characteristics of an individual, which result from the interaction between "
            "its genetic makeup (genotype) and environmental factors. These traits can include physical "
            "attributes, such as height, behavioural traits, like temperament, and biochemical properties, "
            "like blood type."
        ),
        "url": "",
    },
    {
        "term": "Secondary data analysis",
        "kind": "definition",
        "definition": (
            "The use of existing data, collected for a prior study, to pursue a research interest that is "
            "different to that of the original work."
        ),
        "url": "",
    },
]

GLOSSARY_MORE = {
    "text": "For further definitions, see the 1+MG Glossary",
    "url": "https://zenodo.org/records/8279620",
}

# ---------------------------------------------------------------------------------------------------
# The guide's other messages (simple HTML)
# ---------------------------------------------------------------------------------------------------

GDI_WEBSITE = "https://gdi.onemilliongenomes.eu"
GDI_LINKEDIN = "https://www.linkedin.com/company/gdi-euproject/"
GDI_NEWSLETTER = "https://www.subscribepage.com/gdi_euproject"
GDI_CONTACT_EMAIL = "gdi-coordination@elixir-europe.org"
FACTSHEET_URL = "https://docs.google.com/document/d/1mzruu1l5dGm9a34tRWXoVbTm84QOXz4n32veyoK_kx0/edit"

TEXTS = {
    "purpose": {
        "title": "Executive summary",
        "text": (
            "<p>This document guides signatory countries of the 1+ Million Genomes (1+MG) initiative in the "
            "creation of a communications and outreach strategy for citizens and healthcare professionals "
            "at the national level.</p>"
            "<p>It is targetted at communications and engagement professionals who have detailed knowledge "
            "of their national setting and require help understanding the aims of the 1+ Million Genomes "
            "initiative and guidance on how best to focus their efforts. Along with information on key "
            "messages, there are example factsheets for citizens and healthcare professionals, a "
            "communications and outreach strategy template, an action plan and a list of additional "
            "resources. A series of three short outreach videos will be made available for use at the "
            "national level in early 2025.</p>"
            "<p>The document is produced by the European Genomic Data Infrastructure (GDI) project, which "
            "is implementing the 1+ Million Genomes infrastructure. It also includes recommendations from "
            "the Beyond 1 Million Genomes (B1MG) project, which defined the structure of the "
            "infrastructure.</p>"
        ),
    },
    "engagement_definition": {
        "title": "Engagement",
        "text": (
            "<blockquote><p>Engagement is process by which people are enabled to become actively and "
            "genuinely involved in defining the issues of concern to them, in making decisions about factors "
            "that affect their lives, in formulating and implementing policies, in planning, developing, "
            "and delivering services, and in taking action to active change</p>"
            "<footer>WHO, 1992</footer></blockquote>"
        ),
    },
    "introduction": {
        "title": "Introduction",
        "text": (
            "<p>The 1+ Million Genomes initiative is an agreement by 25 EU nations and Norway to provide "
            "secure, cross-border access to genomic data. The high-quality and standardised genomic data "
            "will be associated with phenotypic and clinical information to provide a cross-border resource "
            "to support personalised and effective healthcare across Europe.</p>"
            "<p>The 1+ Million Genomes infrastructure is being implemented by the European Genomic Data "
            "Infrastructure project (2022-2026), based on recommendations of the Beyond 1 Million Genomes "
            "project (2020-2023). As of mid-2024, seven countries are technically operational, with the "
            "number expected to reach 15 by 2026. This document outlines the steps that signatory countries "
            "of the 1+ Million Genomes initiative need to take to prepare their citizens and healthcare "
            "professionals for full operation of the infrastructure.</p>"
            "<p>Communication and engagement with citizens and healthcare professionals at the national "
            "level is critical for the successful implementation of the 1+ Million Genomes infrastructure. "
            "Successful engagement should start at an early stage of infrastructure planning, not only to "
            "keep citizens and healthcare professionals informed about the issues that impact them, but "
            "also to ensure they can contribute to decision making processes.</p>"
            "<p>Each country in the 1+ Million Genomes initiative will have their own approach to citizen "
            "and healthcare professional engagement, based on their expertise, experience and national "
            "context. The 1+MG Special Group, which contains representatives from each country, will act as "
            "a focal point for sharing good practices and pan-European learning.</p>"
        ),
    },
    "scope": {
        "title": "Scope",
        "text": (
            "<ul>"
            "<li>The guidance is this document is tailored to engagement with citizens and healthcare "
            "professionals, it does not cover engagement with other important stakeholders such as "
            "researchers and policymakers.</li>"
            "<li>This document addresses communication and engagement, other activities, such as training "
            "and education, will need to be planned separately.</li>"
            "<li>The recommendations are based on the features of the 1+ Million Genomes infrastructure as "
            "they are foreseen in 2024. The infrastructure will continue to evolve which may require "
            "modifications to the communication and engagement guidelines.</li>"
            "</ul>"
        ),
    },
    "conclusion": {
        "title": "Conclusion and next steps",
        "text": (
            "<p>This document provides information and guidance to assist the planning and rollout of a "
            "national level communications and engagement strategy for 1+ Million Genomes, targeting "
            "citizens and healthcare professionals. It should be used to supplement national patient and "
            "healthcare professional engagement expertise and tailored to the national setting.</p>"
            "<p>The Appendix contains a selection of further resources, which can adapted as required::</p>"
            "<ol>"
            "<li>Additional resources from the EC and B1MG project</li>"
            "<li>The 1+ Million Genomes branding guidelines</li>"
            "<li>A glossary of key terms</li>"
            "<li>Factsheet templates:"
            '<ol type="a">'
            "<li>Factsheet 1: The 1+ Million Genomes initiative for citizens</li>"
            "<li>Factsheet 2: The 1+ Million Genomes initiative for healthcare providers</li>"
            "</ol></li>"
            "<li>A template for creating a 1+ Million Genomes national communication and engagement "
            "strategy</li>"
            "</ol>"
            "<p>A selection of engagement videos will be available early in 2025. In the meantime you can "
            "keep up-to-date with the GDI project via our "
            f'<a href="{GDI_WEBSITE}">website</a>, '
            f'<a href="{GDI_LINKEDIN}">LinkedIn account</a> and '
            f'<a href="{GDI_NEWSLETTER}">newsletter</a>.</p>'
        ),
    },
    "acknowledgements": {
        "title": "Acknowledgements",
        "text": (
            "<p>All GDI and B1MG project partners who have contributed to this document are gratefully "
            "acknowledged. The GDI project receives funding from the European Union’s Digital Europe "
            "Programme under grant agreement number 101081813.</p>"
        ),
    },
    "contact": {
        "title": "Contact information",
        "text": (
            f'<p><a href="mailto:{GDI_CONTACT_EMAIL}">{GDI_CONTACT_EMAIL}</a><br>'
            f'<a href="{GDI_WEBSITE}">www.gdi.onemilliongenomes.eu</a></p>'
            "<p>ELIXIR Hub, Cambridge, UK, October 2024</p>"
        ),
    },
    "factsheets": {
        "title": "Factsheet templates",
        "text": (
            "<ul>"
            "<li>Factsheet 1: The 1+ Million Genomes initiative for citizens "
            f'[<a href="{FACTSHEET_URL}">google doc version</a>]</li>'
            "<li>Factsheet 2: The 1+ Million Genomes initiative for healthcare providers "
            f'[<a href="{FACTSHEET_URL}">google doc version</a>]</li>'
            "</ul>"
        ),
    },
    "action_plan_intro": {"title": "Action plan", "text": f"<p>{ACTION_PLAN_INTRO}</p>"},
    "recommendations_intro": {
        "title": "Recommendations for citizen engagement and public trust",
        "text": f"<p>{RECOMMENDATIONS_SOURCE['intro']}</p>",
    },
    "key_questions_intro": {
        "title": "1+MG infrastructure key information",
        "text": f"<p>{KEY_QUESTIONS_INTRO}</p>",
    },
}
