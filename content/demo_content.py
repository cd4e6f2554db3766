"""Demo content for the public site of the SIL Dalmine e Bergamo.

Pure data: the seeding code reads SITE, HOME, PAGES, NEWS_INDEX_KEY and NEWS.
Every translatable text is a dict {"it": ..., "en": ...}. Texts whose key ends in
"html", paragraph blocks and accordion answers are rich text (HTML limited to p, ul,
ol, li, b, i, a). All contacts are fictional demo data.
"""

SITE = {
    "service_name": "SIL Dalmine e Bergamo",
    "tagline": {
        "it": "Orientamento e accompagnamento al lavoro per le persone in condizione di fragilità degli ambiti di Dalmine e Bergamo.",
        "en": "Guidance and support into work for vulnerable people in the Dalmine and Bergamo districts.",
    },
    "operator_name": "Mestieri Lombardia",
    "operator_url": "https://www.example.org/",
    "districts": "Dalmine, Bergamo",
    "address": "Via dell'Esempio 1\n24044 Dalmine (BG)",
    "phone": "035 000 0000",
    "email": "sil@example.org",
    "pec": "sil@pec.example.org",
    "opening_hours_html": {
        "it": (
            "<ul>"
            "<li><b>Dal lunedì al venerdì</b>: 9:00-12:30</li>"
            "<li><b>Martedì e giovedì</b>: anche 14:00-17:00</li>"
            "<li>Gli incontri si svolgono su appuntamento</li>"
            "</ul>"
        ),
        "en": (
            "<ul>"
            "<li><b>Monday to Friday</b>: 9:00-12:30</li>"
            "<li><b>Tuesday and Thursday</b>: also 14:00-17:00</li>"
            "<li>Meetings are by appointment</li>"
            "</ul>"
        ),
    },
    # The site's own accessibility page (in the footer menu) links to the statement on AgID's form.
    "accessibility_url": "",
}


HOME = {
    "title": {"it": "Home", "en": "Home"},
    "introduction": {
        "it": (
            "Il SIL aiuta le persone adulte senza lavoro e in condizione di fragilità a trovare "
            "un'occupazione e a mantenerla. Lavora insieme ai servizi sociali e specialistici, alle "
            "aziende e alle cooperative sociali degli ambiti di Dalmine e Bergamo."
        ),
        "en": (
            "The SIL helps unemployed adults in a vulnerable situation to find a job and keep it. "
            "It works together with social and specialist services, companies and social "
            "cooperatives in the Dalmine and Bergamo districts."
        ),
    },
    "hero_title": {
        "it": "Un percorso verso il lavoro, costruito su misura per ogni persona",
        "en": "A path into work, tailored to each person",
    },
    "key_facts": [
        {
            "figure": "2",
            "label": {
                "it": "ambiti territoriali serviti: Dalmine e Bergamo",
                "en": "districts served: Dalmine and Bergamo",
            },
        },
        {
            "figure": "4",
            "label": {
                "it": "profili professionali nell'équipe: psicologo, orientatore, educatore, promotore aziendale",
                "en": "professional profiles in the team: psychologist, career counsellor, educator, company promoter",
            },
        },
        {
            "figure": "3",
            "label": {
                "it": "categorie di persone seguite: legge 68/99, art. 4 legge 381/91, svantaggio non certificato",
                "en": "groups of people served: Law 68/99, art. 4 of Law 381/91, uncertified disadvantage",
            },
        },
        {
            "figure": "18+",
            "label": {
                "it": "il servizio si rivolge a persone maggiorenni senza lavoro",
                "en": "the service is for unemployed adults aged 18 and over",
            },
        },
    ],
    "calls_to_action": [
        {
            "title": {
                "it": "Per i servizi invianti: segnalare una persona",
                "en": "For referring services: refer a person",
            },
            "text": {
                "it": (
                    "I servizi sociali dei Comuni, i servizi specialistici, il Centro per l'Impiego e il "
                    "Collocamento Mirato possono segnalare una persona al SIL. Ogni segnalazione riceve una risposta."
                ),
                "en": (
                    "Municipal social services, specialist services, the job centre and the Collocamento "
                    "Mirato office can refer a person to the SIL. Every referral gets an answer."
                ),
            },
            "button": {"it": "Come fare una segnalazione", "en": "How to make a referral"},
            "target": "referrers",
        },
        {
            "title": {
                "it": "Per le aziende: inserire persone nel proprio organico",
                "en": "For companies: bring new people into your workforce",
            },
            "text": {
                "it": (
                    "Il SIL aiuta le aziende a rispettare gli obblighi della legge 68/99, ad attivare "
                    "tirocini e a trovare le persone adatte ai posti disponibili, con un sostegno che "
                    "continua dopo l'assunzione."
                ),
                "en": (
                    "The SIL helps companies meet their obligations under Law 68/99, set up internships "
                    "and find the right people for their vacancies, with support that continues after hiring."
                ),
            },
            "button": {"it": "Informazioni per le aziende", "en": "Information for companies"},
            "target": "companies",
        },
        {
            "title": {
                "it": "Per chi cerca lavoro e per le famiglie",
                "en": "For people looking for work and their families",
            },
            "text": {
                "it": (
                    "Al SIL si accede tramite il servizio sociale o specialistico che già segue la persona. "
                    "Qui si trova chi può accedere al servizio e che cosa serve per iniziare un percorso."
                ),
                "en": (
                    "People come to the SIL through the social or specialist service that already supports "
                    "them. Here you can find out who can use the service and what is needed to start a path."
                ),
            },
            "button": {"it": "A chi si rivolge il servizio", "en": "Who the service is for"},
            "target": "who",
        },
    ],
    "body": [
        ("heading", {"it": "Che cos'è il SIL", "en": "What the SIL is"}),
        (
            "paragraph",
            {
                "it": (
                    "<p>Il Servizio Inserimento Lavorativo è un servizio pubblico degli ambiti di Dalmine e "
                    "Bergamo, gestito da Mestieri Lombardia. Accompagna verso il lavoro persone con disabilità "
                    "o in condizione di svantaggio, partendo dalle loro capacità e dai loro bisogni.</p>"
                    "<p>Ogni persona segue un percorso personale: valutazione, progetto individuale, "
                    "formazione, tirocinio in azienda e, quando possibile, assunzione. L'équipe resta accanto "
                    "alla persona e all'azienda anche dopo l'inizio del lavoro.</p>"
                ),
                "en": (
                    "<p>The Work Inclusion Service is a public service of the Dalmine and Bergamo districts, "
                    "run by Mestieri Lombardia. It supports people with disabilities or in a disadvantaged "
                    "situation on their way into work, starting from their abilities and needs.</p>"
                    "<p>Each person follows a personal path: assessment, individual project, training, an "
                    "internship in a company and, whenever possible, a job. The team stays close to the "
                    "person and to the company after the job has started.</p>"
                ),
            },
        ),
        (
            "call_to_action",
            {
                "title": {"it": "Come funziona il percorso", "en": "How the path works"},
                "text": {
                    "it": "Dalla segnalazione alla relazione finale: le tappe del percorso spiegate una alla volta.",
                    "en": "From the referral to the final report: the steps of the path, explained one by one.",
                },
                "button": {"it": "Le tappe del percorso", "en": "The steps of the path"},
                "target": "path",
            },
        ),
    ],
}


PAGES = [
    # ------------------------------------------------------------------ The service
    {
        "key": "service",
        "type": "section",
        "parent": "home",
        "menu": True,
        "footer": False,
        "slug": {"it": "il-servizio", "en": "the-service"},
        "title": {"it": "Il servizio", "en": "The service"},
        "introduction": {
            "it": (
                "Il Servizio Inserimento Lavorativo accompagna verso il lavoro le persone adulte in "
                "condizione di fragilità. In questa sezione si trovano chi gestisce il servizio, i suoi "
                "obiettivi e le tappe del percorso."
            ),
            "en": (
                "The Work Inclusion Service supports vulnerable adults on their way into work. This "
                "section explains who runs the service, what it aims to achieve and the steps of the path."
            ),
        },
        "body": [
            (
                "heading",
                {
                    "it": "Un servizio pubblico per l'inclusione lavorativa",
                    "en": "A public service for inclusion at work",
                },
            ),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Il SIL è promosso dagli ambiti territoriali di Dalmine e Bergamo ed è gestito da "
                        "Mestieri Lombardia.</p>"
                        "<p>Trovare un lavoro non è facile per chi vive con una disabilità, una malattia, una "
                        "dipendenza o un momento di forte difficoltà personale e sociale. Il SIL offre a queste "
                        "persone un percorso costruito su misura. Si parte dalle capacità e dai bisogni di "
                        "ciascuno e si cerca, insieme alle aziende del territorio, un contesto di lavoro adatto.</p>"
                        "<p>Il servizio non lavora da solo. Collabora con i servizi sociali e specialistici che "
                        "seguono la persona, con il Centro per l'Impiego, con il Collocamento Mirato, con le "
                        "imprese, con le cooperative sociali e con gli enti del terzo settore. Quando è utile, "
                        "coinvolge anche la famiglia, sia mentre il percorso si svolge sia quando se ne "
                        "verificano i risultati.</p>"
                    ),
                    "en": (
                        "<p>The SIL is promoted by the Dalmine and Bergamo districts and run by Mestieri "
                        "Lombardia.</p>"
                        "<p>Finding a job is hard for people living with a disability, an illness, an addiction "
                        "or a period of serious personal and social difficulty. The SIL offers them a tailored "
                        "path. It starts from each person's abilities and needs and looks, together with local "
                        "companies, for a suitable workplace.</p>"
                        "<p>The service does not work alone. It cooperates with the social and specialist "
                        "services that support the person, with the job centre, with the Collocamento Mirato "
                        "office, with businesses, social cooperatives and third-sector organisations. When it "
                        "helps, it also involves the family, both while the path is under way and when its "
                        "results are reviewed.</p>"
                    ),
                },
            ),
            ("heading", {"it": "In questa sezione", "en": "In this section"}),
            (
                "paragraph",
                {
                    "it": (
                        "<ul>"
                        "<li><b>Chi siamo</b>: l'ente che gestisce il servizio, l'équipe e gli ambiti serviti.</li>"
                        "<li><b>Obiettivi</b>: che cosa vuole ottenere il SIL e come.</li>"
                        "<li><b>Come funziona il percorso</b>: le tappe, dalla segnalazione alla relazione finale.</li>"
                        "</ul>"
                    ),
                    "en": (
                        "<ul>"
                        "<li><b>Who we are</b>: the organisation that runs the service, the team and the districts served.</li>"
                        "<li><b>Aims</b>: what the SIL wants to achieve and how.</li>"
                        "<li><b>How the path works</b>: the steps, from the referral to the final report.</li>"
                        "</ul>"
                    ),
                },
            ),
        ],
    },
    {
        "key": "about",
        "type": "content",
        "parent": "service",
        "menu": False,
        "footer": False,
        "slug": {"it": "chi-siamo", "en": "who-we-are"},
        "title": {"it": "Chi siamo", "en": "Who we are"},
        "introduction": {
            "it": (
                "Il SIL è un servizio di mediazione di secondo livello per gli ambiti di Dalmine e Bergamo. "
                "Lo gestisce Mestieri Lombardia con un'équipe di professionisti con competenze diverse."
            ),
            "en": (
                "The SIL is a second-level mediation service for the Dalmine and Bergamo districts. It is "
                "run by Mestieri Lombardia with a team of professionals with different skills."
            ),
        },
        "body": [
            ("heading", {"it": "L'ente gestore", "en": "The organisation that runs the service"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Il servizio è gestito da <b>Mestieri Lombardia</b>, un'agenzia per il lavoro senza "
                        "scopo di lucro. L'agenzia è autorizzata dal Ministero del Lavoro per l'intermediazione, "
                        "la ricerca e selezione del personale e il supporto alla ricollocazione.</p>"
                        "<p>È inoltre accreditata da Regione Lombardia per i servizi al lavoro: orientamento e "
                        "bilancio di competenze, coaching e accompagnamento al lavoro, tutoraggio, incontro tra "
                        "domanda e offerta, outplacement. Nel suo lavoro dà un'attenzione particolare agli aspetti "
                        "sociali del mercato del lavoro e alle persone che rischiano di restarne fuori.</p>"
                    ),
                    "en": (
                        "<p>The service is run by <b>Mestieri Lombardia</b>, a non-profit employment agency. The "
                        "agency is authorised by the Ministry of Labour for job brokering, recruitment and "
                        "selection, and support for re-employment.</p>"
                        "<p>It is also accredited by Regione Lombardia for employment services: career guidance "
                        "and skills assessment, coaching and support into work, tutoring, job matching and "
                        "outplacement. In its work it pays special attention to the social side of the labour "
                        "market and to the people who risk being left out of it.</p>"
                    ),
                },
            ),
            ("heading", {"it": "Due ambiti, un solo servizio", "en": "Two districts, one service"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Il SIL lavora per due ambiti territoriali: l'ambito di Dalmine e l'ambito di Bergamo. "
                        "Un ambito è un gruppo di Comuni vicini che organizzano insieme i servizi sociali. Il SIL "
                        "segue le persone che vivono in questi Comuni e che vengono segnalate dai servizi del "
                        "territorio.</p>"
                    ),
                    "en": (
                        "<p>The SIL works for two districts: the Dalmine district and the Bergamo district. A "
                        "district is a group of neighbouring municipalities that organise their social services "
                        "together. The SIL supports people who live in these municipalities and are referred by "
                        "local services.</p>"
                    ),
                },
            ),
            ("heading", {"it": "Un servizio di secondo livello", "en": "A second-level service"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Il SIL è un servizio di mediazione <b>di secondo livello</b>. La persona, cioè, non si "
                        "presenta da sola allo sportello: arriva su segnalazione di un servizio sociale o "
                        "specialistico che già la conosce e la segue. Il compito del SIL è favorire l'incontro "
                        "tra la persona e il mondo del lavoro, con forme di accompagnamento personalizzate.</p>"
                    ),
                    "en": (
                        "<p>The SIL is a <b>second-level</b> mediation service. This means that people do not "
                        "come to the office on their own: they are referred by a social or specialist service "
                        "that already knows and supports them. The SIL's task is to bring the person and the "
                        "world of work together, with personalised support.</p>"
                    ),
                },
            ),
            ("heading", {"it": "L'équipe", "en": "The team"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Nel servizio lavorano professionisti con profili diversi. Ognuno porta uno sguardo "
                        "specifico sul lavoro e sulla fragilità:</p>"
                        "<ul>"
                        "<li><b>psicologo</b>: valuta le risorse e le difficoltà della persona e la sostiene nei "
                        "momenti delicati del percorso;</li>"
                        "<li><b>orientatore</b>: aiuta la persona a riconoscere le proprie competenze e a darsi un "
                        "obiettivo professionale realistico;</li>"
                        "<li><b>educatore</b>: affianca la persona da vicino, anche durante il tirocinio, e tiene i "
                        "contatti con chi la sostiene;</li>"
                        "<li><b>promotore aziendale</b>: incontra le aziende, ne raccoglie le esigenze e cerca posti "
                        "di lavoro e di tirocinio adatti.</li>"
                        "</ul>"
                        "<p>Le decisioni sull'accesso al servizio e sul percorso vengono prese insieme, "
                        "nell'<b>Unità di Valutazione Multi-professionale</b>.</p>"
                    ),
                    "en": (
                        "<p>The service is staffed by professionals with different backgrounds. Each of them "
                        "brings a specific view of work and vulnerability:</p>"
                        "<ul>"
                        "<li><b>psychologist</b>: assesses the person's strengths and difficulties and supports "
                        "them at the delicate moments of the path;</li>"
                        "<li><b>career counsellor</b>: helps the person recognise their skills and set a realistic "
                        "career goal;</li>"
                        "<li><b>educator</b>: works closely with the person, including during the internship, and "
                        "keeps in touch with those who support them;</li>"
                        "<li><b>company promoter</b>: meets companies, gathers their needs and looks for suitable "
                        "jobs and internship places.</li>"
                        "</ul>"
                        "<p>Decisions on access to the service and on the path are taken jointly, in the "
                        "<b>Multi-professional Evaluation Unit</b>.</p>"
                    ),
                },
            ),
        ],
    },
    {
        "key": "aims",
        "type": "content",
        "parent": "service",
        "menu": False,
        "footer": False,
        "slug": {"it": "obiettivi", "en": "aims"},
        "title": {"it": "Obiettivi", "en": "Aims"},
        "introduction": {
            "it": (
                "Lo scopo principale del SIL è rendere più occupabili le persone fragili. Per riuscirci il "
                "servizio lavora su tre fronti: la persona, la rete del territorio e le soluzioni nuove."
            ),
            "en": (
                "The main purpose of the SIL is to make vulnerable people more employable. To achieve this, "
                "the service works on three fronts: the person, the local network and new solutions."
            ),
        },
        "body": [
            (
                "paragraph",
                {
                    "it": (
                        "<p>Essere occupabili significa avere una possibilità concreta di trovare un lavoro e di "
                        "mantenerlo nel tempo. Per le persone seguite dal SIL questa possibilità va costruita con "
                        "pazienza, un passo alla volta.</p>"
                    ),
                    "en": (
                        "<p>Being employable means having a real chance of finding a job and keeping it over "
                        "time. For the people supported by the SIL this chance has to be built patiently, one "
                        "step at a time.</p>"
                    ),
                },
            ),
            (
                "heading",
                {
                    "it": "1. Capire i bisogni e costruire un progetto",
                    "en": "1. Understanding needs and building a project",
                },
            ),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Ogni percorso comincia con un'analisi attenta dei bisogni della persona: la sua storia, "
                        "le sue competenze, i suoi limiti e le sue aspettative. Da questa analisi nasce il "
                        "<b>Progetto Individuale</b>.</p>"
                        "<p>Il progetto aiuta la persona e l'operatore che la segue (il case manager) a fare scelte "
                        "consapevoli. Tutti sanno qual è l'obiettivo, quali passi servono per raggiungerlo e in "
                        "quali tempi.</p>"
                    ),
                    "en": (
                        "<p>Every path starts with a careful analysis of the person's needs: their history, "
                        "skills, limits and expectations. This analysis leads to the <b>Individual "
                        "Project</b>.</p>"
                        "<p>The project helps the person and the professional who follows them (the case "
                        "manager) make informed choices. Everyone knows the goal, the steps needed to reach it "
                        "and the timing.</p>"
                    ),
                },
            ),
            (
                "heading",
                {
                    "it": "2. Una rete di aziende, enti e istituzioni",
                    "en": "2. A network of companies, organisations and institutions",
                },
            ),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Per offrire più opportunità, il SIL costruisce e fa crescere una rete di imprese, "
                        "cooperative sociali, enti e istituzioni del territorio. Chi fa parte della rete può "
                        "ospitare tirocini, assumere persone seguite dal servizio o segnalare posti disponibili.</p>"
                        "<p>Più la rete è ampia, più è facile trovare per ciascuna persona il contesto di lavoro "
                        "giusto.</p>"
                    ),
                    "en": (
                        "<p>To offer more opportunities, the SIL builds and grows a network of local businesses, "
                        "social cooperatives, organisations and institutions. Network members can host "
                        "internships, hire people supported by the service or let it know about vacancies.</p>"
                        "<p>The wider the network, the easier it is to find the right workplace for each "
                        "person.</p>"
                    ),
                },
            ),
            ("heading", {"it": "3. Sperimentare strade nuove", "en": "3. Trying out new approaches"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Il mercato del lavoro cambia in fretta. Molte mansioni semplici, spesso alla portata "
                        "delle persone seguite dal SIL, stanno diminuendo. Crescono invece le richieste di "
                        "competenze digitali e trasversali.</p>"
                        "<p>Per questo il SIL prova modi nuovi di lavorare e ne verifica gli effetti. L'obiettivo "
                        "è che il percorso soddisfi sia la persona sia il luogo di lavoro che la accoglie: un "
                        "inserimento riesce davvero quando funziona per entrambi.</p>"
                    ),
                    "en": (
                        "<p>The labour market changes quickly. Many simple tasks, often within reach of the "
                        "people supported by the SIL, are disappearing, while demand for digital and soft skills "
                        "is growing.</p>"
                        "<p>This is why the SIL tries out new ways of working and checks their effects. The goal "
                        "is a path that satisfies both the person and the workplace that welcomes them: a "
                        "placement truly succeeds when it works for both.</p>"
                    ),
                },
            ),
            ("heading", {"it": "Una risposta per ogni segnalazione", "en": "An answer for every referral"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Per ogni persona segnalata dai servizi sociali e specialistici il SIL valuta i bisogni "
                        "di inserimento lavorativo. Anche quando un percorso non è possibile, il servizio "
                        "inviante riceve sempre almeno una risposta di consulenza.</p>"
                    ),
                    "en": (
                        "<p>For every person referred by social and specialist services, the SIL assesses their "
                        "needs for inclusion at work. Even when a path is not possible, the referring service "
                        "always receives at least an advisory answer.</p>"
                    ),
                },
            ),
        ],
    },
    {
        "key": "path",
        "type": "content",
        "parent": "service",
        "menu": False,
        "footer": False,
        "slug": {"it": "come-funziona-il-percorso", "en": "how-the-path-works"},
        "title": {"it": "Come funziona il percorso", "en": "How the path works"},
        "introduction": {
            "it": (
                "Dalla segnalazione alla relazione finale: le tappe del percorso di una persona seguita dal "
                "SIL, spiegate una alla volta."
            ),
            "en": (
                "From the referral to the final report: the steps of the path of a person supported by the "
                "SIL, explained one at a time."
            ),
        },
        "body": [
            (
                "paragraph",
                {
                    "it": (
                        "<p>Ogni percorso è personale e ha i suoi tempi. Le tappe, però, sono sempre le stesse. "
                        "Per tutta la durata del percorso il SIL resta in contatto con il servizio che ha "
                        "segnalato la persona e, quando è utile, con la sua famiglia.</p>"
                    ),
                    "en": (
                        "<p>Every path is personal and has its own pace. The steps, however, are always the same. "
                        "Throughout the path the SIL stays in touch with the service that referred the person "
                        "and, when it helps, with their family.</p>"
                    ),
                },
            ),
            (
                "accordion",
                {
                    "title": {"it": "Le tappe del percorso", "en": "The steps of the path"},
                    "items": [
                        {
                            "question": {"it": "1. La segnalazione", "en": "1. The referral"},
                            "answer": {
                                "it": (
                                    "<p>Il percorso comincia quando un servizio sociale o specialistico segnala "
                                    "la persona al SIL. Il servizio compila una <b>scheda anagrafica "
                                    "informativa</b> con i dati della persona e le informazioni utili a capire "
                                    "la sua situazione.</p>"
                                    "<p>Ogni segnalazione riceve una risposta. Se la persona non può essere presa "
                                    "in carico, il SIL offre comunque una consulenza al servizio inviante.</p>"
                                ),
                                "en": (
                                    "<p>The path starts when a social or specialist service refers the person to "
                                    "the SIL. The service fills in a <b>personal information sheet</b> (scheda "
                                    "anagrafica informativa) with the person's details and the information "
                                    "needed to understand their situation.</p>"
                                    "<p>Every referral gets an answer. If the person cannot be taken on, the SIL "
                                    "still offers advice to the referring service.</p>"
                                ),
                            },
                        },
                        {
                            "question": {"it": "2. La valutazione", "en": "2. The evaluation"},
                            "answer": {
                                "it": (
                                    "<p>L'Unità di Valutazione Multi-professionale incontra la persona e decide "
                                    "se può accedere al servizio. Verifica in particolare i <b>prerequisiti "
                                    "lavorativi</b>:</p>"
                                    "<ul>"
                                    "<li>la motivazione a lavorare;</li>"
                                    "<li>l'autonomia;</li>"
                                    "<li>la flessibilità;</li>"
                                    "<li>la stabilità delle condizioni psico-fisiche.</li>"
                                    "</ul>"
                                    "<p>Al termine la persona viene ammessa al servizio oppure no. In entrambi i "
                                    "casi il servizio inviante riceve le motivazioni della decisione.</p>"
                                ),
                                "en": (
                                    "<p>The Multi-professional Evaluation Unit meets the person and decides "
                                    "whether they can use the service. In particular it checks the <b>work "
                                    "prerequisites</b>:</p>"
                                    "<ul>"
                                    "<li>motivation to work;</li>"
                                    "<li>autonomy;</li>"
                                    "<li>flexibility;</li>"
                                    "<li>stable physical and mental health.</li>"
                                    "</ul>"
                                    "<p>At the end, the person is either accepted by the service or not. In both "
                                    "cases the referring service is told the reasons for the decision.</p>"
                                ),
                            },
                        },
                        {
                            "question": {"it": "3. Il Progetto Individuale", "en": "3. The Individual Project"},
                            "answer": {
                                "it": (
                                    "<p>Per ogni persona ammessa l'équipe prepara un <b>Progetto Individuale</b>. "
                                    "Il progetto descrive il profilo di fragilità lavorativa della persona: i "
                                    "punti di forza, le difficoltà e gli obiettivi possibili.</p>"
                                    "<p>Il progetto si costruisce insieme alla persona e si condivide con il "
                                    "servizio che l'ha segnalata.</p>"
                                ),
                                "en": (
                                    "<p>For each accepted person the team draws up an <b>Individual Project</b>. "
                                    "The project describes the person's work-vulnerability profile: strengths, "
                                    "difficulties and achievable goals.</p>"
                                    "<p>The project is built together with the person and shared with the "
                                    "service that referred them.</p>"
                                ),
                            },
                        },
                        {
                            "question": {"it": "4. Il Piano di Intervento", "en": "4. The Intervention Plan"},
                            "answer": {
                                "it": (
                                    "<p>Il <b>Piano di Intervento</b> traduce il progetto in azioni concrete, "
                                    "scelte in base agli obiettivi. Può comprendere:</p>"
                                    "<ul>"
                                    "<li>orientamento e bilancio di competenze;</li>"
                                    "<li>coaching e accompagnamento nella ricerca del lavoro;</li>"
                                    "<li>attività di formazione;</li>"
                                    "<li>un <b>tirocinio extracurricolare</b> presso un'azienda o un ente della "
                                    "rete, con un tutor che segue la persona;</li>"
                                    "<li>l'inserimento al lavoro;</li>"
                                    "<li>il <b>monitoraggio dopo l'assunzione</b>.</li>"
                                    "</ul>"
                                ),
                                "en": (
                                    "<p>The <b>Intervention Plan</b> turns the project into practical actions, "
                                    "chosen according to the goals. It may include:</p>"
                                    "<ul>"
                                    "<li>career guidance and skills assessment;</li>"
                                    "<li>coaching and support in looking for work;</li>"
                                    "<li>training;</li>"
                                    "<li>an <b>extracurricular internship</b> at a company or organisation in "
                                    "the network, with a tutor who follows the person;</li>"
                                    "<li>job placement;</li>"
                                    "<li><b>post-hire monitoring</b>.</li>"
                                    "</ul>"
                                ),
                            },
                        },
                        {
                            "question": {"it": "5. Il monitoraggio", "en": "5. Monitoring"},
                            "answer": {
                                "it": (
                                    "<p>Durante il percorso l'équipe segue la persona da vicino: la incontra, "
                                    "visita il luogo del tirocinio o del lavoro, si confronta con il tutor "
                                    "aziendale. Ogni passaggio viene annotato.</p>"
                                    "<p>Il servizio inviante riceve aggiornamenti periodici. Se serve, il piano "
                                    "viene modificato.</p>"
                                ),
                                "en": (
                                    "<p>During the path the team follows the person closely: it meets them, "
                                    "visits the internship or workplace and talks with the company tutor. Every "
                                    "step is recorded.</p>"
                                    "<p>The referring service receives regular updates. If needed, the plan is "
                                    "changed.</p>"
                                ),
                            },
                        },
                        {
                            "question": {"it": "6. La relazione finale", "en": "6. The final report"},
                            "answer": {
                                "it": (
                                    "<p>Alla fine del percorso il SIL scrive una <b>relazione finale</b>. La "
                                    "relazione descrive che cosa è stato fatto, quali risultati sono stati "
                                    "raggiunti e quali passi restano possibili.</p>"
                                    "<p>La relazione viene condivisa con la persona e con il servizio che l'ha "
                                    "segnalata.</p>"
                                ),
                                "en": (
                                    "<p>At the end of the path the SIL writes a <b>final report</b>. The report "
                                    "describes what was done, which results were achieved and which next steps "
                                    "are still possible.</p>"
                                    "<p>The report is shared with the person and with the service that referred "
                                    "them.</p>"
                                ),
                            },
                        },
                    ],
                },
            ),
            (
                "call_to_action",
                {
                    "title": {"it": "Segnalare una persona al SIL", "en": "Refer a person to the SIL"},
                    "text": {
                        "it": "Le informazioni per gli operatori: chi può segnalare, come si compila la scheda e che cosa succede dopo.",
                        "en": "Information for professionals: who can refer, how to fill in the sheet and what happens next.",
                    },
                    "button": {"it": "Per i servizi invianti", "en": "For referring services"},
                    "target": "referrers",
                },
            ),
        ],
    },
    # ------------------------------------------------------------------ Who it is for
    {
        "key": "who",
        "type": "content",
        "parent": "home",
        "menu": True,
        "footer": False,
        "slug": {"it": "a-chi-si-rivolge", "en": "who-it-is-for"},
        "title": {"it": "A chi si rivolge", "en": "Who it is for"},
        "introduction": {
            "it": (
                "Il SIL si rivolge a persone maggiorenni senza lavoro che vivono una condizione di fragilità, "
                "certificata o no. Qui si trova chi può accedere e che cosa serve per iniziare un percorso."
            ),
            "en": (
                "The SIL is for unemployed adults in a vulnerable situation, whether certified or not. Here "
                "you can find out who can use the service and what is needed to start a path."
            ),
        },
        "body": [
            ("heading", {"it": "Le persone che il SIL accompagna", "en": "The people the SIL supports"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Il servizio è pensato per persone adulte, con almeno 18 anni, che oggi non hanno un "
                        "lavoro e che rientrano in uno di questi gruppi:</p>"
                        "<ul>"
                        "<li><b>persone con disabilità certificata ai sensi della legge 68/1999</b>: hanno una "
                        "certificazione che dà diritto al collocamento mirato, cioè agli strumenti pubblici che "
                        "aiutano le persone con disabilità a trovare un lavoro adatto alle loro capacità;</li>"
                        "<li><b>persone svantaggiate ai sensi dell'articolo 4 della legge 381/1991</b>: ad esempio "
                        "persone con disabilità fisica, psichica, sensoriale o intellettiva, persone seguite dai "
                        "servizi di salute mentale, persone con problemi di dipendenza, persone che scontano una "
                        "pena con misure alternative al carcere;</li>"
                        "<li><b>persone in una condizione di svantaggio non certificato</b>: vivono difficoltà "
                        "personali o sociali che rendono complicato trovare lavoro, anche senza una "
                        "certificazione.</li>"
                        "</ul>"
                        "<p>In base agli accordi con gli ambiti, il servizio può offrire un primo orientamento "
                        "anche a giovani e a persone colpite dalla crisi del mercato del lavoro che hanno bisogno "
                        "di mediazione e di accompagnamento.</p>"
                    ),
                    "en": (
                        "<p>The service is designed for adults aged 18 or over who are currently out of work and "
                        "belong to one of these groups:</p>"
                        "<ul>"
                        "<li><b>people with a disability certified under Law 68/1999</b>: they hold a certificate "
                        "that gives access to targeted placement (collocamento mirato), the public tools that help "
                        "people with disabilities find a job suited to their abilities;</li>"
                        "<li><b>disadvantaged people under article 4 of Law 381/1991</b>: for example people with a "
                        "physical, mental, sensory or intellectual disability, people supported by mental-health "
                        "services, people with addictions, people serving a sentence through alternatives to "
                        "prison;</li>"
                        "<li><b>people in an uncertified disadvantaged situation</b>: they face personal or social "
                        "difficulties that make finding a job hard, even without a certificate.</li>"
                        "</ul>"
                        "<p>Depending on the agreements with the districts, the service may also offer first "
                        "guidance to young people and to people hit by the labour-market crisis who need "
                        "mediation and support.</p>"
                    ),
                },
            ),
            ("heading", {"it": "Far parte di un gruppo non basta", "en": "Belonging to a group is not enough"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Rientrare in uno di questi gruppi è una condizione necessaria, ma non sufficiente. Per "
                        "iniziare un percorso di inserimento in azienda la persona deve avere anche i "
                        "<b>prerequisiti lavorativi</b>:</p>"
                        "<ul>"
                        "<li>una sufficiente <b>motivazione</b> a lavorare;</li>"
                        "<li>un buon livello di <b>autonomia</b>;</li>"
                        "<li>una certa <b>flessibilità</b>, per adattarsi a compiti, orari e colleghi;</li>"
                        "<li>condizioni di salute fisica e psichica <b>stabili</b>.</li>"
                        "</ul>"
                        "<p>Questi aspetti sono valutati all'inizio del percorso dall'Unità di Valutazione "
                        "Multi-professionale.</p>"
                    ),
                    "en": (
                        "<p>Belonging to one of these groups is necessary, but not sufficient. To start a path "
                        "towards a job in a company, the person must also meet the <b>work "
                        "prerequisites</b>:</p>"
                        "<ul>"
                        "<li>enough <b>motivation</b> to work;</li>"
                        "<li>a good level of <b>autonomy</b>;</li>"
                        "<li>some <b>flexibility</b>, to adapt to tasks, working hours and colleagues;</li>"
                        "<li><b>stable</b> physical and mental health.</li>"
                        "</ul>"
                        "<p>These aspects are assessed at the start of the path by the Multi-professional "
                        "Evaluation Unit.</p>"
                    ),
                },
            ),
            (
                "accordion",
                {
                    "title": {"it": "Domande frequenti", "en": "Frequently asked questions"},
                    "items": [
                        {
                            "question": {
                                "it": "Una persona può rivolgersi direttamente al SIL?",
                                "en": "Can a person contact the SIL directly?",
                            },
                            "answer": {
                                "it": (
                                    "<p>No. Il SIL è un servizio di secondo livello: la persona arriva su "
                                    "segnalazione di un servizio che già la segue, come il servizio sociale del "
                                    "Comune, un servizio specialistico, il Centro per l'Impiego o il Collocamento "
                                    "Mirato. Chi pensa di averne bisogno può parlarne con il proprio operatore di "
                                    "riferimento.</p>"
                                ),
                                "en": (
                                    "<p>No. The SIL is a second-level service: people are referred by a service "
                                    "that already supports them, such as the municipal social service, a "
                                    "specialist service, the job centre or the Collocamento Mirato office. Anyone "
                                    "who thinks they need it can talk about it with their own case worker.</p>"
                                ),
                            },
                        },
                        {
                            "question": {
                                "it": "Serve una certificazione di disabilità?",
                                "en": "Is a disability certificate required?",
                            },
                            "answer": {
                                "it": (
                                    "<p>Non sempre. Il servizio segue anche persone in una condizione di "
                                    "svantaggio non certificato. Contano l'età (almeno 18 anni), l'essere senza "
                                    "lavoro e il possesso dei prerequisiti lavorativi.</p>"
                                ),
                                "en": (
                                    "<p>Not always. The service also supports people in an uncertified "
                                    "disadvantaged situation. What matters is age (18 or over), being out of work "
                                    "and meeting the work prerequisites.</p>"
                                ),
                            },
                        },
                        {
                            "question": {
                                "it": "Che cosa succede se la persona non ha ancora i prerequisiti lavorativi?",
                                "en": "What happens if the person does not yet meet the work prerequisites?",
                            },
                            "answer": {
                                "it": (
                                    "<p>Il SIL risponde comunque al servizio che ha fatto la segnalazione, con una "
                                    "consulenza sulle strade possibili. Ad esempio può suggerire un periodo di "
                                    "preparazione con altri servizi prima di una nuova segnalazione.</p>"
                                ),
                                "en": (
                                    "<p>The SIL still answers the service that made the referral, with advice on "
                                    "the possible options. For example, it may suggest a preparation period with "
                                    "other services before a new referral.</p>"
                                ),
                            },
                        },
                        {
                            "question": {
                                "it": "La famiglia può partecipare al percorso?",
                                "en": "Can the family take part in the path?",
                            },
                            "answer": {
                                "it": (
                                    "<p>Sì, quando è utile e la persona è d'accordo. La famiglia può essere "
                                    "coinvolta sia mentre il percorso si svolge, sia quando se ne verificano i "
                                    "risultati.</p>"
                                ),
                                "en": (
                                    "<p>Yes, when it helps and the person agrees. The family can be involved both "
                                    "while the path is under way and when its results are reviewed.</p>"
                                ),
                            },
                        },
                        {
                            "question": {
                                "it": "Il percorso garantisce un posto di lavoro?",
                                "en": "Does the path guarantee a job?",
                            },
                            "answer": {
                                "it": (
                                    "<p>No. Il SIL lavora per aumentare le possibilità della persona di trovare e "
                                    "mantenere un lavoro, ma l'assunzione dipende anche dalle aziende e dal "
                                    "mercato. Ogni percorso si chiude con una relazione finale che indica i "
                                    "risultati raggiunti e i passi successivi possibili.</p>"
                                ),
                                "en": (
                                    "<p>No. The SIL works to increase the person's chances of finding and keeping "
                                    "a job, but hiring also depends on companies and on the market. Every path "
                                    "ends with a final report that sets out the results achieved and the possible "
                                    "next steps.</p>"
                                ),
                            },
                        },
                    ],
                },
            ),
            (
                "call_to_action",
                {
                    "title": {"it": "Come funziona il percorso", "en": "How the path works"},
                    "text": {
                        "it": "Le tappe del percorso, dalla segnalazione alla relazione finale.",
                        "en": "The steps of the path, from the referral to the final report.",
                    },
                    "button": {"it": "Le tappe del percorso", "en": "The steps of the path"},
                    "target": "path",
                },
            ),
        ],
    },
    # ------------------------------------------------------------------ For referring services
    {
        "key": "referrers",
        "type": "content",
        "parent": "home",
        "menu": True,
        "footer": False,
        "slug": {"it": "per-i-servizi-invianti", "en": "for-referring-services"},
        "title": {"it": "Per i servizi invianti", "en": "For referring services"},
        "introduction": {
            "it": (
                "Informazioni per gli operatori dei servizi che vogliono segnalare una persona al SIL: chi può "
                "farlo, come si prepara la segnalazione e che cosa succede dopo."
            ),
            "en": (
                "Information for professionals in services that want to refer a person to the SIL: who can do "
                "it, how to prepare the referral and what happens next."
            ),
        },
        "body": [
            ("heading", {"it": "Chi può segnalare", "en": "Who can make a referral"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Possono segnalare una persona al SIL i servizi che già la seguono:</p>"
                        "<ul>"
                        "<li>i servizi sociali dei Comuni degli ambiti di Dalmine e Bergamo;</li>"
                        "<li>i servizi specialistici, come i centri per la salute mentale, i servizi per le "
                        "dipendenze e i servizi per la disabilità;</li>"
                        "<li>il Centro per l'Impiego;</li>"
                        "<li>l'ufficio del Collocamento Mirato.</li>"
                        "</ul>"
                    ),
                    "en": (
                        "<p>A person can be referred to the SIL by the services that already support them:</p>"
                        "<ul>"
                        "<li>the social services of the municipalities in the Dalmine and Bergamo districts;</li>"
                        "<li>specialist services, such as mental-health centres, addiction services and "
                        "disability services;</li>"
                        "<li>the job centre (Centro per l'Impiego);</li>"
                        "<li>the Collocamento Mirato office, which handles targeted placement of people with "
                        "disabilities.</li>"
                        "</ul>"
                    ),
                },
            ),
            ("heading", {"it": "Come segnalare", "en": "How to make a referral"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>La segnalazione si fa con la <b>scheda anagrafica informativa</b>. La scheda raccoglie "
                        "i dati anagrafici della persona, la sua situazione attuale, le eventuali certificazioni e "
                        "i motivi della richiesta.</p>"
                        "<p>Presto la scheda si potrà compilare e inviare direttamente da questo sito, con un "
                        "modulo online riservato agli operatori. Fino ad allora la scheda si richiede e si invia "
                        "per e-mail all'indirizzo <b>sil@example.org</b>. Poiché contiene dati personali delicati, "
                        "è preferibile inviarla dalla casella istituzionale del servizio, anche tramite PEC a "
                        "<b>sil@pec.example.org</b>.</p>"
                        "<p>Prima dell'invio è importante parlare della segnalazione con la persona e darle "
                        "l'informativa sul trattamento dei suoi dati.</p>"
                    ),
                    "en": (
                        "<p>Referrals are made with the <b>personal information sheet</b> (scheda anagrafica "
                        "informativa). The sheet collects the person's personal details, their current situation, "
                        "any certificates and the reasons for the request.</p>"
                        "<p>Soon the sheet can be filled in and sent directly from this website, through an online "
                        "form for professionals. Until then, the sheet can be requested and sent by e-mail to "
                        "<b>sil@example.org</b>. As it contains sensitive personal data, it is best sent from the "
                        "service's official mailbox, or by certified e-mail (PEC) to "
                        "<b>sil@pec.example.org</b>.</p>"
                        "<p>Before sending it, it is important to discuss the referral with the person and give "
                        "them the privacy notice about how their data is handled.</p>"
                    ),
                },
            ),
            ("heading", {"it": "Che cosa succede dopo", "en": "What happens next"}),
            (
                "paragraph",
                {
                    "it": (
                        "<ol>"
                        "<li>Il SIL conferma di aver ricevuto la segnalazione.</li>"
                        "<li>L'Unità di Valutazione Multi-professionale esamina la scheda e incontra la persona "
                        "per valutare i prerequisiti lavorativi.</li>"
                        "<li>Il servizio inviante riceve l'esito: la persona è ammessa al servizio, oppure non è "
                        "ammessa e ne vengono spiegati i motivi.</li>"
                        "<li>Se la persona è ammessa, l'équipe prepara con lei il Progetto Individuale e il Piano "
                        "di Intervento.</li>"
                        "</ol>"
                        "<p><b>Ogni segnalazione riceve una risposta.</b> Anche quando la persona non può essere "
                        "presa in carico, il SIL offre al servizio inviante almeno una consulenza sulle strade "
                        "possibili.</p>"
                    ),
                    "en": (
                        "<ol>"
                        "<li>The SIL confirms that it has received the referral.</li>"
                        "<li>The Multi-professional Evaluation Unit reviews the sheet and meets the person to "
                        "assess the work prerequisites.</li>"
                        "<li>The referring service is told the outcome: the person is accepted by the service, or "
                        "is not accepted and the reasons are explained.</li>"
                        "<li>If the person is accepted, the team draws up the Individual Project and the "
                        "Intervention Plan with them.</li>"
                        "</ol>"
                        "<p><b>Every referral gets an answer.</b> Even when the person cannot be taken on, the SIL "
                        "gives the referring service at least some advice on the possible options.</p>"
                    ),
                },
            ),
            (
                "heading",
                {
                    "it": "Come il SIL tiene informato il servizio inviante",
                    "en": "How the SIL keeps the referring service informed",
                },
            ),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Il servizio inviante resta il punto di riferimento della persona. Per questo il SIL lo "
                        "tiene aggiornato per tutto il percorso:</p>"
                        "<ul>"
                        "<li>con <b>aggiornamenti periodici</b> sui passi fatti e sui prossimi obiettivi;</li>"
                        "<li>con i <b>tavoli di coordinamento</b>, incontri regolari tra l'équipe e i referenti di "
                        "ciascun ambito;</li>"
                        "<li>con la <b>relazione finale</b>, condivisa anche con la persona al termine del "
                        "percorso.</li>"
                        "</ul>"
                    ),
                    "en": (
                        "<p>The referring service remains the person's main point of contact. This is why the SIL "
                        "keeps it up to date throughout the path:</p>"
                        "<ul>"
                        "<li>with <b>regular updates</b> on the steps taken and the next goals;</li>"
                        "<li>through <b>coordination tables</b>, regular meetings between the team and the "
                        "referents of each district;</li>"
                        "<li>with the <b>final report</b>, which is also shared with the person at the end of the "
                        "path.</li>"
                        "</ul>"
                    ),
                },
            ),
            (
                "contact_card",
                {
                    "name": {"it": "SIL - Segnalazioni dai servizi", "en": "SIL - Referrals from services"},
                    "address": "Via dell'Esempio 1\n24044 Dalmine (BG)",
                    "phone": "035 000 0000",
                    "email": "sil@example.org",
                    "hours": {
                        "it": "Dal lunedì al venerdì, 9:00-12:30; martedì e giovedì anche 14:00-17:00. Incontri su appuntamento.",
                        "en": "Monday to Friday, 9:00-12:30; Tuesday and Thursday also 14:00-17:00. Meetings by appointment.",
                    },
                },
            ),
        ],
    },
    # ------------------------------------------------------------------ For companies
    {
        "key": "companies",
        "type": "section",
        "parent": "home",
        "menu": True,
        "footer": False,
        "slug": {"it": "per-le-aziende", "en": "for-companies"},
        "title": {"it": "Per le aziende", "en": "For companies"},
        "introduction": {
            "it": (
                "Il SIL aiuta imprese e cooperative sociali a inserire nel proprio organico persone in "
                "condizione di fragilità, con un accompagnamento che continua anche dopo l'assunzione."
            ),
            "en": (
                "The SIL helps businesses and social cooperatives bring vulnerable people into their workforce, "
                "with support that continues after hiring."
            ),
        },
        "body": [
            ("heading", {"it": "Che cosa offre il SIL alle aziende", "en": "What the SIL offers companies"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Inserire una persona con disabilità o in condizione di svantaggio è un'opportunità per "
                        "l'azienda, ma richiede attenzione e preparazione. Il SIL affianca l'azienda in ogni "
                        "fase:</p>"
                        "<ul>"
                        "<li>analizza con l'azienda le mansioni e le esigenze del posto disponibile;</li>"
                        "<li>propone persone con competenze e caratteristiche adatte;</li>"
                        "<li>organizza il tirocinio extracurricolare e lo segue con i propri operatori;</li>"
                        "<li>accompagna la persona e i colleghi anche dopo l'assunzione;</li>"
                        "<li>informa sugli obblighi della legge 68/99 e sulle convenzioni.</li>"
                        "</ul>"
                        "<p>Il riferimento per le aziende è il <b>promotore aziendale</b>, la figura dell'équipe "
                        "che cura i rapporti con le imprese del territorio.</p>"
                    ),
                    "en": (
                        "<p>Bringing a person with a disability or in a disadvantaged situation into a company is "
                        "an opportunity, but it takes care and preparation. The SIL supports the company at "
                        "every stage:</p>"
                        "<ul>"
                        "<li>it analyses with the company the tasks and requirements of the vacancy;</li>"
                        "<li>it proposes people with suitable skills and characteristics;</li>"
                        "<li>it sets up the extracurricular internship and follows it with its own staff;</li>"
                        "<li>it supports the person and their colleagues after hiring too;</li>"
                        "<li>it provides information on the obligations under Law 68/99 and on agreements.</li>"
                        "</ul>"
                        "<p>The contact person for companies is the <b>company promoter</b>, the team member who "
                        "looks after relations with local businesses.</p>"
                    ),
                },
            ),
            ("heading", {"it": "In questa sezione", "en": "In this section"}),
            (
                "paragraph",
                {
                    "it": (
                        "<ul>"
                        "<li><b>Obblighi della legge 68/99</b>: quante persone con disabilità assumere e come "
                        "pianificare le assunzioni.</li>"
                        "<li><b>Tirocini extracurricolari</b>: che cos'è un tirocinio e come il SIL lo segue.</li>"
                        "<li><b>Collaborare con il SIL</b>: offrire un posto, lavorare con le cooperative sociali, "
                        "entrare nella rete.</li>"
                        "</ul>"
                    ),
                    "en": (
                        "<ul>"
                        "<li><b>Obligations under Law 68/99</b>: how many people with disabilities to hire and how "
                        "to plan the hirings.</li>"
                        "<li><b>Extracurricular internships</b>: what an internship is and how the SIL follows "
                        "it.</li>"
                        "<li><b>Working with the SIL</b>: offering a place, working with social cooperatives, "
                        "joining the network.</li>"
                        "</ul>"
                    ),
                },
            ),
            (
                "call_to_action",
                {
                    "title": {
                        "it": "Offrire un posto di lavoro o di tirocinio",
                        "en": "Offer a job or an internship place",
                    },
                    "text": {
                        "it": (
                            "L'azienda ha un posto disponibile o vuole ospitare un tirocinio? Il promotore "
                            "aziendale del SIL la ricontatta per conoscerne le esigenze."
                        ),
                        "en": (
                            "Does your company have a vacancy or want to host an internship? The SIL's company "
                            "promoter will get back to you to learn about your needs."
                        ),
                    },
                    "button": {"it": "Contatti del SIL", "en": "SIL contacts"},
                    "target": "contacts",
                },
            ),
        ],
    },
    {
        "key": "law68",
        "type": "content",
        "parent": "companies",
        "menu": False,
        "footer": False,
        "slug": {"it": "obblighi-legge-68-99", "en": "law-68-99-obligations"},
        "title": {"it": "Obblighi della legge 68/99", "en": "Obligations under Law 68/99"},
        "introduction": {
            "it": (
                "La legge 68 del 1999 chiede ai datori di lavoro con almeno 15 dipendenti di assumere persone "
                "con disabilità. Ecco in breve quante assunzioni servono, come pianificarle e come il SIL può "
                "aiutare."
            ),
            "en": (
                "Law 68 of 1999 requires employers with 15 or more employees to hire people with "
                "disabilities. Here is a short guide to how many hirings are needed, how to plan them and how "
                "the SIL can help."
            ),
        },
        "body": [
            ("heading", {"it": "Che cos'è il collocamento mirato", "en": "What targeted placement is"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>La legge 68/1999 ha introdotto il <b>collocamento mirato</b>: un insieme di strumenti "
                        "che aiutano le persone con disabilità a trovare un lavoro adatto alle loro capacità. "
                        "L'idea è semplice: la persona giusta al posto giusto, con il sostegno necessario.</p>"
                        "<p>Per questo la legge chiede ai datori di lavoro sopra una certa dimensione di riservare "
                        "una quota di posti a lavoratori con disabilità.</p>"
                    ),
                    "en": (
                        "<p>Law 68/1999 introduced <b>targeted placement</b> (collocamento mirato): a set of tools "
                        "that help people with disabilities find a job suited to their abilities. The idea is "
                        "simple: the right person in the right place, with the support they need.</p>"
                        "<p>To this end, the law requires employers above a certain size to reserve a share of "
                        "their jobs for workers with disabilities.</p>"
                    ),
                },
            ),
            ("heading", {"it": "Quante persone assumere", "en": "How many people to hire"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Il numero di lavoratori con disabilità da assumere dipende dal numero di dipendenti:</p>"
                        "<ul>"
                        "<li>da <b>15 a 35</b> dipendenti: <b>1</b> lavoratore;</li>"
                        "<li>da <b>36 a 50</b> dipendenti: <b>2</b> lavoratori;</li>"
                        "<li>oltre <b>50</b> dipendenti: il <b>7%</b> dei lavoratori occupati.</li>"
                        "</ul>"
                        "<p>Il conteggio dei dipendenti segue regole precise fissate dalla legge: alcune categorie "
                        "di lavoratori, ad esempio, non vengono contate. Per il calcolo esatto è utile rivolgersi "
                        "all'ufficio del Collocamento Mirato o al proprio consulente del lavoro.</p>"
                    ),
                    "en": (
                        "<p>The number of workers with disabilities to hire depends on the number of employees:</p>"
                        "<ul>"
                        "<li><b>15 to 35</b> employees: <b>1</b> worker;</li>"
                        "<li><b>36 to 50</b> employees: <b>2</b> workers;</li>"
                        "<li>over <b>50</b> employees: <b>7%</b> of the workforce.</li>"
                        "</ul>"
                        "<p>Employees are counted according to precise rules set by the law: some categories of "
                        "workers, for instance, are not counted. For the exact figure, it is best to ask the "
                        "Collocamento Mirato office or your own labour consultant.</p>"
                    ),
                },
            ),
            ("heading", {"it": "Le convenzioni dell'articolo 11", "en": "Article 11 agreements"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>L'articolo 11 della legge permette all'azienda di firmare una <b>convenzione</b> con "
                        "l'ufficio del Collocamento Mirato. Nella convenzione l'azienda concorda un programma di "
                        "assunzioni: quante persone, per quali mansioni e in quali tempi.</p>"
                        "<p>Così l'obbligo si può rispettare un passo alla volta, con tempi compatibili con "
                        "l'organizzazione del lavoro. La convenzione può prevedere anche tirocini di formazione e "
                        "di orientamento prima dell'assunzione.</p>"
                    ),
                    "en": (
                        "<p>Article 11 of the law allows a company to sign an <b>agreement</b> (convenzione) with "
                        "the Collocamento Mirato office. In the agreement, the company sets out a hiring plan: how "
                        "many people, for which jobs and over what period.</p>"
                        "<p>This way the obligation can be met step by step, at a pace that fits the way work is "
                        "organised. The agreement can also include training and guidance internships before "
                        "hiring.</p>"
                    ),
                },
            ),
            ("heading", {"it": "Come il SIL aiuta l'azienda", "en": "How the SIL helps the company"}),
            (
                "paragraph",
                {
                    "it": (
                        "<ul>"
                        "<li>Spiega gli obblighi e le possibilità previste dalla legge.</li>"
                        "<li>Aiuta a individuare le mansioni più adatte.</li>"
                        "<li>Propone candidati che l'équipe conosce e ha già valutato.</li>"
                        "<li>Organizza e segue un tirocinio prima dell'eventuale assunzione.</li>"
                        "<li>Accompagna l'inserimento anche dopo l'assunzione, con il monitoraggio.</li>"
                        "</ul>"
                        "<p>Il SIL lavora in collegamento con il Collocamento Mirato, ma non lo sostituisce nelle "
                        "pratiche amministrative, come il prospetto informativo annuale o le richieste di "
                        "esonero.</p>"
                        "<p><i>Questa pagina offre una sintesi e non sostituisce il testo della legge.</i></p>"
                    ),
                    "en": (
                        "<ul>"
                        "<li>It explains the obligations and options provided by the law.</li>"
                        "<li>It helps identify the most suitable jobs.</li>"
                        "<li>It proposes candidates whom the team knows and has already assessed.</li>"
                        "<li>It sets up and follows an internship before any hiring.</li>"
                        "<li>It supports the placement after hiring too, through monitoring.</li>"
                        "</ul>"
                        "<p>The SIL works closely with the Collocamento Mirato office but does not replace it for "
                        "administrative procedures, such as the annual disclosure report (prospetto informativo) "
                        "or exemption requests.</p>"
                        "<p><i>This page is a summary and does not replace the text of the law.</i></p>"
                    ),
                },
            ),
        ],
    },
    {
        "key": "internships",
        "type": "content",
        "parent": "companies",
        "menu": False,
        "footer": False,
        "slug": {"it": "tirocini-extracurricolari", "en": "extracurricular-internships"},
        "title": {"it": "Tirocini extracurricolari", "en": "Extracurricular internships"},
        "introduction": {
            "it": (
                "Il tirocinio extracurricolare permette alla persona di fare esperienza in un luogo di lavoro "
                "e all'azienda di conoscerla prima di un'eventuale assunzione. Il SIL lo organizza e lo segue "
                "dall'inizio alla fine."
            ),
            "en": (
                "An extracurricular internship lets the person gain experience in a workplace and lets the "
                "company get to know them before any hiring. The SIL sets it up and follows it from start to "
                "finish."
            ),
        },
        "body": [
            ("heading", {"it": "Che cos'è un tirocinio", "en": "What an internship is"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Il tirocinio extracurricolare è un periodo di formazione e di orientamento svolto in un "
                        "luogo di lavoro. Non è un rapporto di lavoro: è un'esperienza guidata che serve alla "
                        "persona per imparare un mestiere, mettersi alla prova e farsi conoscere.</p>"
                        "<p>Si chiama extracurricolare perché non fa parte di un corso di studi. Per le persone "
                        "seguite dal SIL è spesso il passaggio decisivo tra l'orientamento e l'assunzione.</p>"
                    ),
                    "en": (
                        "<p>An extracurricular internship is a period of training and guidance spent in a "
                        "workplace. It is not an employment relationship: it is a guided experience that helps the "
                        "person learn a trade, test themselves and get known.</p>"
                        "<p>It is called extracurricular because it is not part of a course of study. For the "
                        "people supported by the SIL it is often the key step between career guidance and a "
                        "job.</p>"
                    ),
                },
            ),
            ("heading", {"it": "Chi è coinvolto", "en": "Who is involved"}),
            (
                "paragraph",
                {
                    "it": (
                        "<ul>"
                        "<li><b>La persona in tirocinio</b>, che svolge le attività previste dal progetto "
                        "formativo.</li>"
                        "<li><b>Il soggetto ospitante</b>: l'azienda, la cooperativa o l'ente della rete che "
                        "accoglie la persona.</li>"
                        "<li><b>Il tutor aziendale</b>, scelto dal soggetto ospitante, che affianca la persona sul "
                        "posto di lavoro.</li>"
                        "<li><b>Il SIL</b>, che promuove il tirocinio tramite Mestieri Lombardia e mette a "
                        "disposizione un proprio tutor.</li>"
                        "</ul>"
                    ),
                    "en": (
                        "<ul>"
                        "<li><b>The intern</b>, who carries out the activities set out in the training "
                        "project.</li>"
                        "<li><b>The host organisation</b>: the company, cooperative or network organisation that "
                        "welcomes the person.</li>"
                        "<li><b>The company tutor</b>, chosen by the host organisation, who works alongside the "
                        "person in the workplace.</li>"
                        "<li><b>The SIL</b>, which promotes the internship through Mestieri Lombardia and provides "
                        "its own tutor.</li>"
                        "</ul>"
                    ),
                },
            ),
            ("heading", {"it": "Come si svolge", "en": "How it works"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Prima di iniziare, il SIL, la persona e il soggetto ospitante concordano un "
                        "<b>progetto formativo</b>. Il progetto indica le attività, gli obiettivi, la data di "
                        "inizio e di fine e l'orario settimanale.</p>"
                        "<p>Durante il tirocinio gli operatori del SIL seguono la persona da vicino: la incontrano, "
                        "visitano il luogo di lavoro, si confrontano con il tutor aziendale e intervengono se "
                        "nascono difficoltà. Alla fine si fa insieme il punto sui risultati e sui passi "
                        "successivi, compresa una possibile assunzione.</p>"
                    ),
                    "en": (
                        "<p>Before starting, the SIL, the person and the host organisation agree on a "
                        "<b>training project</b>. The project sets out the activities, the goals, the start and "
                        "end dates and the weekly hours.</p>"
                        "<p>During the internship the SIL staff follow the person closely: they meet them, visit "
                        "the workplace, talk with the company tutor and step in if difficulties arise. At the "
                        "end, everyone reviews the results and the next steps together, including possible "
                        "hiring.</p>"
                    ),
                },
            ),
            ("heading", {"it": "L'indennità di partecipazione", "en": "The participation allowance"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>In Lombardia la persona in tirocinio riceve un'<b>indennità mensile di "
                        "partecipazione</b>, come previsto dalle regole regionali sui tirocini. L'importo e le "
                        "eventuali agevolazioni dipendono dalla normativa in vigore e dal singolo progetto: il SIL "
                        "dà tutte le informazioni prima dell'avvio.</p>"
                    ),
                    "en": (
                        "<p>In Lombardy, interns receive a <b>monthly participation allowance</b>, as required by "
                        "the regional rules on internships. The amount and any incentives depend on the rules in "
                        "force and on the individual project: the SIL provides all the information before the "
                        "internship starts.</p>"
                    ),
                },
            ),
            (
                "call_to_action",
                {
                    "title": {"it": "Ospitare un tirocinio", "en": "Host an internship"},
                    "text": {
                        "it": "Un'azienda o un ente che vuole accogliere una persona in tirocinio può contattare il promotore aziendale del SIL.",
                        "en": "A company or organisation that wants to host an intern can contact the SIL's company promoter.",
                    },
                    "button": {"it": "Contatti del SIL", "en": "SIL contacts"},
                    "target": "contacts",
                },
            ),
        ],
    },
    {
        "key": "partner",
        "type": "content",
        "parent": "companies",
        "menu": False,
        "footer": False,
        "slug": {"it": "collaborare-con-il-sil", "en": "working-with-the-sil"},
        "title": {"it": "Collaborare con il SIL", "en": "Working with the SIL"},
        "introduction": {
            "it": (
                "Aziende, cooperative sociali ed enti possono collaborare con il SIL in molti modi: offrire un "
                "posto di lavoro o di tirocinio, affidare commesse a cooperative sociali di tipo B, entrare a "
                "far parte della rete."
            ),
            "en": (
                "Companies, social cooperatives and organisations can work with the SIL in many ways: offering "
                "a job or an internship place, outsourcing work to type-B social cooperatives, joining the "
                "network."
            ),
        },
        "body": [
            (
                "heading",
                {"it": "Offrire un posto di lavoro o di tirocinio", "en": "Offering a job or an internship place"},
            ),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Un'azienda che ha un posto libero, o che è disponibile ad accogliere una persona in "
                        "tirocinio, può comunicarlo al SIL. Bastano poche informazioni: il settore, la mansione, "
                        "il luogo, l'orario e le competenze richieste.</p>"
                        "<p>Il promotore aziendale ricontatta l'azienda, approfondisce le sue esigenze e, se ci "
                        "sono candidati adatti, organizza un primo incontro. In futuro l'offerta si potrà inviare "
                        "anche con un modulo online su questo sito.</p>"
                    ),
                    "en": (
                        "<p>A company with a vacancy, or willing to host an intern, can let the SIL know. Only a "
                        "few details are needed: the sector, the job, the location, the working hours and the "
                        "skills required.</p>"
                        "<p>The company promoter gets back to the company, looks into its needs and, if there are "
                        "suitable candidates, arranges a first meeting. In the future, offers can also be sent "
                        "through an online form on this website.</p>"
                    ),
                },
            ),
            ("heading", {"it": "Il promotore aziendale", "en": "The company promoter"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Il promotore aziendale è la persona dell'équipe che cura i rapporti con le imprese. "
                        "Visita le aziende, ne conosce l'organizzazione e le mansioni e cerca l'incontro migliore "
                        "tra le esigenze dell'azienda e le capacità delle persone seguite. Resta il punto di "
                        "riferimento dell'azienda per tutta la durata della collaborazione.</p>"
                    ),
                    "en": (
                        "<p>The company promoter is the team member who looks after relations with businesses. "
                        "They visit companies, get to know how they are organised and what the jobs involve, and "
                        "look for the best match between the company's needs and the abilities of the people "
                        "supported. They remain the company's contact person for as long as the cooperation "
                        "lasts.</p>"
                    ),
                },
            ),
            (
                "heading",
                {"it": "Cooperative sociali di tipo B e commesse", "en": "Type-B social cooperatives and outsourcing"},
            ),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Le cooperative sociali di tipo B, previste dalla legge 381/1991, svolgono attività "
                        "produttive e di servizio con lo scopo di dare lavoro a persone svantaggiate. Almeno il "
                        "30% dei loro lavoratori deve essere composto da persone svantaggiate.</p>"
                        "<p>Un'azienda può sostenere l'inserimento lavorativo anche affidando a una cooperativa di "
                        "tipo B una commessa di lavoro o di servizi: ad esempio pulizie, cura del verde, "
                        "assemblaggio o logistica. Il SIL può mettere in contatto le aziende con le cooperative "
                        "del territorio.</p>"
                    ),
                    "en": (
                        "<p>Type-B social cooperatives, provided for by Law 381/1991, carry out production and "
                        "service activities with the aim of employing disadvantaged people. At least 30% of their "
                        "workers must be disadvantaged people.</p>"
                        "<p>A company can also support inclusion at work by outsourcing a job or a service to a "
                        "type-B cooperative: for example cleaning, gardening, assembly or logistics. The SIL can "
                        "put companies in touch with local cooperatives.</p>"
                    ),
                },
            ),
            ("heading", {"it": "Entrare nella rete", "en": "Joining the network"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>La rete del SIL riunisce imprese, cooperative sociali, associazioni di categoria, enti "
                        "del terzo settore e istituzioni degli ambiti di Dalmine e Bergamo. Chi ne fa parte è "
                        "disponibile, quando può, a ospitare tirocini, valutare candidature o condividere "
                        "opportunità di lavoro.</p>"
                        "<p>Per entrare nella rete basta contattare il servizio: il promotore aziendale fisserà un "
                        "incontro per conoscersi.</p>"
                    ),
                    "en": (
                        "<p>The SIL network brings together businesses, social cooperatives, employers' "
                        "associations, third-sector organisations and institutions in the Dalmine and Bergamo "
                        "districts. Its members are willing, when they can, to host internships, consider "
                        "candidates or share job opportunities.</p>"
                        "<p>To join the network, simply contact the service: the company promoter will arrange a "
                        "meeting to get to know each other.</p>"
                    ),
                },
            ),
            (
                "call_to_action",
                {
                    "title": {"it": "Proporre una collaborazione", "en": "Propose a partnership"},
                    "text": {
                        "it": "Un posto libero, un tirocinio o una commessa da affidare: il promotore aziendale del SIL è a disposizione.",
                        "en": "A vacancy, an internship or work to outsource: the SIL's company promoter is here to help.",
                    },
                    "button": {"it": "Contatti del SIL", "en": "SIL contacts"},
                    "target": "contacts",
                },
            ),
        ],
    },
    # ------------------------------------------------------------------ News
    {
        "key": "news",
        "type": "news_index",
        "parent": "home",
        "menu": True,
        "footer": False,
        "slug": {"it": "notizie", "en": "news"},
        "title": {"it": "Notizie", "en": "News"},
        "introduction": {
            "it": (
                "Novità, appuntamenti e comunicazioni del SIL per i servizi, le aziende e le persone degli "
                "ambiti di Dalmine e Bergamo."
            ),
            "en": (
                "News, events and announcements from the SIL for services, companies and people in the "
                "Dalmine and Bergamo districts."
            ),
        },
    },
    # ------------------------------------------------------------------ Footer pages
    {
        "key": "contacts",
        "type": "content",
        "parent": "home",
        "menu": False,
        "footer": True,
        "slug": {"it": "contatti", "en": "contacts"},
        "title": {"it": "Contatti", "en": "Contacts"},
        "introduction": {
            "it": (
                "Come raggiungere il SIL: indirizzo, orari, telefono ed e-mail. Per evitare attese è meglio "
                "fissare un appuntamento."
            ),
            "en": (
                "How to reach the SIL: address, opening hours, phone and e-mail. To avoid waiting, it is best "
                "to make an appointment."
            ),
        },
        "body": [
            (
                "contact_card",
                {
                    "name": {"it": "SIL Dalmine e Bergamo - Sede", "en": "SIL Dalmine e Bergamo - Office"},
                    "address": "Via dell'Esempio 1\n24044 Dalmine (BG)",
                    "phone": "035 000 0000",
                    "email": "sil@example.org",
                    "hours": {
                        "it": "Dal lunedì al venerdì, 9:00-12:30; martedì e giovedì anche 14:00-17:00. Incontri su appuntamento.",
                        "en": "Monday to Friday, 9:00-12:30; Tuesday and Thursday also 14:00-17:00. Meetings by appointment.",
                    },
                },
            ),
            ("heading", {"it": "A chi scrivere", "en": "Who to write to"}),
            (
                "paragraph",
                {
                    "it": (
                        "<ul>"
                        "<li><b>Segnalazioni dai servizi</b>: sil@example.org</li>"
                        "<li><b>Aziende, offerte di lavoro e di tirocinio</b>: aziende.sil@example.org</li>"
                        "<li><b>Posta elettronica certificata (PEC)</b>: sil@pec.example.org</li>"
                        "</ul>"
                        "<p>Si accede al SIL attraverso la segnalazione di un servizio. Chi cerca lavoro e pensa di "
                        "aver bisogno del SIL può parlarne con il proprio operatore di riferimento, ad esempio al "
                        "servizio sociale del Comune.</p>"
                    ),
                    "en": (
                        "<ul>"
                        "<li><b>Referrals from services</b>: sil@example.org</li>"
                        "<li><b>Companies, job and internship offers</b>: aziende.sil@example.org</li>"
                        "<li><b>Certified e-mail (PEC)</b>: sil@pec.example.org</li>"
                        "</ul>"
                        "<p>People access the SIL through a referral from a service. Anyone looking for work who "
                        "thinks they need the SIL can talk to their own case worker, for example at the municipal "
                        "social service.</p>"
                    ),
                },
            ),
            ("heading", {"it": "Come arrivare", "en": "How to get here"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>La sede si trova a Dalmine, in Via dell'Esempio 1. Per informazioni su come "
                        "raggiungerla con i mezzi pubblici è possibile telefonare negli orari di apertura.</p>"
                        "<p>Chi ha bisogno di assistenza per arrivare in sede o durante l'incontro, ad esempio per "
                        "una disabilità, può dirlo quando fissa l'appuntamento: il servizio si organizzerà di "
                        "conseguenza.</p>"
                    ),
                    "en": (
                        "<p>The office is in Dalmine, at Via dell'Esempio 1. For information on how to get there "
                        "by public transport, please call during opening hours.</p>"
                        "<p>Anyone who needs assistance to reach the office or during the meeting, for example "
                        "because of a disability, can say so when making the appointment: the service will make "
                        "arrangements accordingly.</p>"
                    ),
                },
            ),
            ("heading", {"it": "Chi gestisce il servizio", "en": "Who runs the service"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Il SIL è gestito da Mestieri Lombardia per gli ambiti di Dalmine e Bergamo. Sito "
                        'dell\'ente gestore: <a href="https://www.example.org/">www.example.org</a>.</p>'
                    ),
                    "en": (
                        "<p>The SIL is run by Mestieri Lombardia for the Dalmine and Bergamo districts. Website of "
                        'the operator: <a href="https://www.example.org/">www.example.org</a>.</p>'
                    ),
                },
            ),
        ],
    },
    {
        "key": "privacy",
        "type": "content",
        "parent": "home",
        "menu": False,
        "footer": False,  # linked from the footer through SiteSettings.privacy_page
        "slug": {"it": "informativa-privacy", "en": "privacy-notice"},
        "title": {"it": "Informativa privacy", "en": "Privacy notice"},
        "introduction": {
            "it": (
                "Come vengono trattati i dati personali di chi visita il sito e delle persone segnalate al SIL. "
                "Testo dimostrativo, da sostituire con l'informativa ufficiale dell'ente gestore."
            ),
            "en": (
                "How the personal data of website visitors and of people referred to the SIL are processed. "
                "Demo text, to be replaced by the operator's official privacy notice."
            ),
        },
        "body": [
            (
                "paragraph",
                {
                    "it": (
                        "<p><b>Attenzione: questo è un testo dimostrativo.</b> Serve a mostrare la struttura "
                        "dell'informativa e deve essere sostituito, prima della pubblicazione, con il testo "
                        "predisposto dall'ente gestore e dal suo Responsabile della protezione dei dati. Le parti "
                        "tra parentesi quadre vanno completate.</p>"
                        "<p>Questa informativa è resa ai sensi degli articoli 13 e 14 del Regolamento (UE) "
                        "2016/679 (GDPR).</p>"
                    ),
                    "en": (
                        "<p><b>Please note: this is a demo text.</b> It shows the structure of the notice and must "
                        "be replaced, before publication, by the text prepared by the operator and its Data "
                        "Protection Officer. The parts in square brackets must be completed.</p>"
                        "<p>This notice is given under articles 13 and 14 of Regulation (EU) 2016/679 "
                        "(GDPR).</p>"
                    ),
                },
            ),
            ("heading", {"it": "1. Titolare del trattamento", "en": "1. Data controller"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Il titolare del trattamento è [denominazione del titolare], con sede in Via "
                        "dell'Esempio 1, 24044 Dalmine (BG), e-mail privacy@example.org, PEC "
                        "sil@pec.example.org.</p>"
                        "<p>[Se il servizio è svolto per conto degli ambiti territoriali, indicare qui la "
                        "ripartizione dei ruoli tra titolare e responsabile del trattamento.]</p>"
                    ),
                    "en": (
                        "<p>The data controller is [name of the controller], Via dell'Esempio 1, 24044 Dalmine "
                        "(BG), e-mail privacy@example.org, certified e-mail sil@pec.example.org.</p>"
                        "<p>[If the service is provided on behalf of the districts, state here how the roles of "
                        "controller and processor are divided.]</p>"
                    ),
                },
            ),
            (
                "heading",
                {"it": "2. Responsabile della protezione dei dati", "en": "2. Data Protection Officer"},
            ),
            (
                "paragraph",
                {
                    "it": "<p>Il Responsabile della protezione dei dati (DPO) si può contattare all'indirizzo dpo@example.org.</p>",
                    "en": "<p>The Data Protection Officer (DPO) can be contacted at dpo@example.org.</p>",
                },
            ),
            ("heading", {"it": "3. Quali dati vengono trattati", "en": "3. Which data are processed"}),
            (
                "paragraph",
                {
                    "it": (
                        "<ul>"
                        "<li><b>Dati di navigazione</b>: indirizzo IP, tipo di browser, pagine visitate, data e "
                        "ora della visita. Servono al funzionamento e alla sicurezza del sito.</li>"
                        "<li><b>Cookie</b>: il sito usa solo cookie tecnici necessari, ad esempio per ricordare la "
                        "lingua scelta. Non usa cookie di profilazione.</li>"
                        "<li><b>Dati inviati volontariamente</b>: i dati contenuti nei messaggi e nei moduli "
                        "inviati al servizio.</li>"
                        "<li><b>Dati delle persone segnalate</b>: dati anagrafici e di contatto, codice fiscale, "
                        "titolo di studio, esperienze di lavoro, situazione occupazionale e, quando necessario, "
                        "dati relativi alla salute e alla disabilità, come le certificazioni previste dalla legge "
                        "68/99 o la condizione di svantaggio prevista dalla legge 381/91. Questi ultimi "
                        "appartengono alle categorie particolari di dati dell'articolo 9 del GDPR.</li>"
                        "</ul>"
                        "<p>Vengono raccolti solo i dati necessari a ciascuna fase del percorso.</p>"
                    ),
                    "en": (
                        "<ul>"
                        "<li><b>Browsing data</b>: IP address, browser type, pages visited, date and time of the "
                        "visit. They are needed for the website to work and to keep it secure.</li>"
                        "<li><b>Cookies</b>: the website only uses necessary technical cookies, for example to "
                        "remember the chosen language. It does not use profiling cookies.</li>"
                        "<li><b>Data sent voluntarily</b>: the data contained in messages and forms sent to the "
                        "service.</li>"
                        "<li><b>Data of referred people</b>: personal and contact details, tax code, education, "
                        "work experience, employment status and, when necessary, data on health and disability, "
                        "such as the certificates provided for by Law 68/99 or the disadvantaged status provided "
                        "for by Law 381/91. The latter belong to the special categories of data of article 9 of "
                        "the GDPR.</li>"
                        "</ul>"
                        "<p>Only the data needed for each stage of the path are collected.</p>"
                    ),
                },
            ),
            ("heading", {"it": "4. Finalità e basi giuridiche", "en": "4. Purposes and legal bases"}),
            (
                "paragraph",
                {
                    "it": (
                        "<ul>"
                        "<li><b>Gestione e sicurezza del sito</b>: legittimo interesse del titolare (art. 6, par. 1, "
                        "lett. f GDPR).</li>"
                        "<li><b>Risposta alle richieste</b> inviate per e-mail o con i moduli: esecuzione di misure "
                        "richieste dall'interessato e legittimo interesse (art. 6, par. 1, lett. b e f).</li>"
                        "<li><b>Gestione delle segnalazioni e dei percorsi di inserimento lavorativo</b>: esecuzione "
                        "di un compito di interesse pubblico affidato dagli ambiti territoriali (art. 6, par. 1, "
                        "lett. e) e adempimento di obblighi di legge (art. 6, par. 1, lett. c).</li>"
                        "<li><b>Trattamento dei dati relativi alla salute</b>: motivi di interesse pubblico "
                        "rilevante e finalità di assistenza sociale previsti dalla legge (art. 9, par. 2, lett. g "
                        "e h GDPR) e, dove richiesto, consenso esplicito della persona (art. 9, par. 2, lett. a).</li>"
                        "<li><b>Attivazione e gestione dei tirocini</b>: adempimento degli obblighi previsti dalla "
                        "normativa regionale sui tirocini (art. 6, par. 1, lett. c).</li>"
                        "</ul>"
                        "<p>Per ogni persona segnalata il servizio registra la base giuridica del trattamento e, "
                        "quando previsto, il consenso, insieme alla versione dell'informativa che la persona ha "
                        "ricevuto.</p>"
                    ),
                    "en": (
                        "<ul>"
                        "<li><b>Running the website and keeping it secure</b>: legitimate interest of the "
                        "controller (art. 6(1)(f) GDPR).</li>"
                        "<li><b>Answering requests</b> sent by e-mail or through forms: steps taken at the data "
                        "subject's request and legitimate interest (art. 6(1)(b) and (f)).</li>"
                        "<li><b>Handling referrals and work-inclusion paths</b>: performance of a task in the "
                        "public interest entrusted by the districts (art. 6(1)(e)) and compliance with legal "
                        "obligations (art. 6(1)(c)).</li>"
                        "<li><b>Processing health data</b>: reasons of substantial public interest and social-care "
                        "purposes provided for by law (art. 9(2)(g) and (h) GDPR) and, where required, the "
                        "person's explicit consent (art. 9(2)(a)).</li>"
                        "<li><b>Setting up and managing internships</b>: compliance with the obligations of the "
                        "regional rules on internships (art. 6(1)(c)).</li>"
                        "</ul>"
                        "<p>For each referred person the service records the legal basis of the processing and, "
                        "where applicable, the consent, together with the version of the privacy notice the "
                        "person received.</p>"
                    ),
                },
            ),
            ("heading", {"it": "5. Chi può accedere ai dati", "en": "5. Who can access the data"}),
            (
                "paragraph",
                {
                    "it": (
                        "<ul>"
                        "<li>Gli operatori del SIL autorizzati, limitatamente all'ambito di riferimento della "
                        "persona.</li>"
                        "<li>Il servizio che ha fatto la segnalazione.</li>"
                        "<li>Il soggetto ospitante del tirocinio e l'eventuale datore di lavoro, solo per i dati "
                        "strettamente necessari.</li>"
                        "<li>Il Centro per l'Impiego, il Collocamento Mirato e Regione Lombardia, quando lo "
                        "prevede la legge.</li>"
                        "<li>I fornitori tecnici del sito e dei sistemi informatici, nominati responsabili del "
                        "trattamento (art. 28 GDPR).</li>"
                        "</ul>"
                        "<p>Ogni accesso e ogni modifica ai dati delle persone segnalate viene registrato. I dati "
                        "non vengono diffusi né trasferiti fuori dall'Unione europea.</p>"
                    ),
                    "en": (
                        "<ul>"
                        "<li>Authorised SIL staff, limited to the person's district.</li>"
                        "<li>The service that made the referral.</li>"
                        "<li>The internship host organisation and any employer, only for the data strictly "
                        "needed.</li>"
                        "<li>The job centre, the Collocamento Mirato office and Regione Lombardia, where required "
                        "by law.</li>"
                        "<li>The technical providers of the website and IT systems, appointed as processors "
                        "(art. 28 GDPR).</li>"
                        "</ul>"
                        "<p>Every access to and change of the data of referred people is logged. The data are not "
                        "published or transferred outside the European Union.</p>"
                    ),
                },
            ),
            ("heading", {"it": "6. Per quanto tempo", "en": "6. How long data are kept"}),
            (
                "paragraph",
                {
                    "it": (
                        "<ul>"
                        "<li>Dati di navigazione: [periodo da indicare], salvo necessità legate alla sicurezza.</li>"
                        "<li>Richieste e messaggi: per il tempo necessario a rispondere e comunque non oltre "
                        "[periodo da indicare].</li>"
                        "<li>Dati delle persone segnalate: per la durata del percorso e, dopo la sua conclusione, "
                        "per [periodo da indicare], come previsto dal contratto di servizio e dalla normativa "
                        "applicabile. Alla scadenza i dati vengono cancellati o resi anonimi.</li>"
                        "</ul>"
                    ),
                    "en": (
                        "<ul>"
                        "<li>Browsing data: [period to be specified], unless needed for security reasons.</li>"
                        "<li>Requests and messages: for as long as needed to reply and no longer than [period to "
                        "be specified].</li>"
                        "<li>Data of referred people: for the duration of the path and, after it ends, for "
                        "[period to be specified], as required by the service contract and the applicable law. At "
                        "the end of this period the data are deleted or anonymised.</li>"
                        "</ul>"
                    ),
                },
            ),
            ("heading", {"it": "7. I diritti dell'interessato", "en": "7. Data subjects' rights"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Ogni persona può chiedere in qualsiasi momento di accedere ai propri dati, di "
                        "correggerli, di cancellarli o di limitarne il trattamento, e può opporsi al trattamento "
                        "nei casi previsti dal GDPR (articoli 15-22). Quando il trattamento si basa sul consenso, "
                        "può revocarlo in qualsiasi momento, senza conseguenze sui trattamenti già svolti.</p>"
                        "<p>Le richieste si inviano a privacy@example.org oppure al DPO, dpo@example.org. Chi "
                        "ritiene che i propri dati siano trattati in modo non conforme può presentare reclamo al "
                        "Garante per la protezione dei dati personali.</p>"
                        "<p><i>Versione dimostrativa dell'informativa, [data di aggiornamento].</i></p>"
                    ),
                    "en": (
                        "<p>Everyone can ask at any time to access their data, correct them, erase them or "
                        "restrict their processing, and can object to processing in the cases provided for by "
                        "the GDPR (articles 15-22). When processing is based on consent, it can be withdrawn at "
                        "any time, without affecting processing already carried out.</p>"
                        "<p>Requests should be sent to privacy@example.org or to the DPO at dpo@example.org. "
                        "Anyone who believes their data are not processed lawfully can lodge a complaint with the "
                        "Italian Data Protection Authority (Garante per la protezione dei dati personali).</p>"
                        "<p><i>Demo version of the privacy notice, [date of last update].</i></p>"
                    ),
                },
            ),
        ],
    },
    {
        "key": "accessibility",
        "type": "content",
        "parent": "home",
        "menu": False,
        "footer": True,
        "slug": {"it": "dichiarazione-di-accessibilita", "en": "accessibility"},
        "title": {"it": "Dichiarazione di accessibilità", "en": "Accessibility"},
        "introduction": {
            "it": (
                "Il SIL vuole che il suo sito sia utilizzabile da tutte le persone, comprese quelle con "
                "disabilità. Qui si trovano gli impegni presi, la dichiarazione ufficiale e il modo per "
                "segnalare un problema."
            ),
            "en": (
                "The SIL wants its website to be usable by everyone, including people with disabilities. Here "
                "you can find the commitments made, the official statement and how to report a problem."
            ),
        },
        "body": [
            ("heading", {"it": "L'impegno del servizio", "en": "The service's commitment"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Il sito è progettato per rispettare le Linee guida sull'accessibilità degli strumenti "
                        "informatici, che fanno riferimento allo standard internazionale <b>WCAG 2.1, livello "
                        "AA</b>.</p>"
                        "<p>In pratica questo significa testi chiari, titoli ordinati, pagine utilizzabili anche "
                        "solo con la tastiera o con un lettore di schermo, colori con un contrasto sufficiente, "
                        "testi alternativi per le immagini e contenuti disponibili in italiano e in inglese.</p>"
                    ),
                    "en": (
                        "<p>The website is designed to comply with the Italian Guidelines on the accessibility of "
                        "IT tools, which refer to the international standard <b>WCAG 2.1, level AA</b>.</p>"
                        "<p>In practice this means clear texts, well-ordered headings, pages that can be used with "
                        "a keyboard alone or with a screen reader, colours with sufficient contrast, alternative "
                        "text for images, and content available in Italian and English.</p>"
                    ),
                },
            ),
            ("heading", {"it": "La dichiarazione ufficiale", "en": "The official statement"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>La dichiarazione di accessibilità del sito, con lo stato di conformità e gli eventuali "
                        "contenuti non accessibili, è pubblicata sulla piattaforma dell'Agenzia per l'Italia "
                        'Digitale (AgID): <a href="https://form.agid.gov.it/">la dichiarazione di '
                        "accessibilità su form.agid.gov.it</a>.</p>"
                    ),
                    "en": (
                        "<p>The website's accessibility statement, with its compliance status and any content that "
                        "is not accessible, is published on the platform of the Agency for Digital Italy (AgID): "
                        '<a href="https://form.agid.gov.it/">the accessibility statement on '
                        "form.agid.gov.it</a>.</p>"
                    ),
                },
            ),
            ("heading", {"it": "Segnalare un problema", "en": "Reporting a problem"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Chi incontra una difficoltà nell'uso del sito, o trova un contenuto non accessibile, "
                        "può scrivere a <b>accessibilita@example.org</b>. Nella segnalazione è utile indicare la "
                        "pagina, il problema riscontrato e il dispositivo o il programma usato.</p>"
                        "<p>Il servizio risponde entro 30 giorni. Se la risposta non arriva o non è "
                        "soddisfacente, è possibile rivolgersi al Difensore civico per il digitale presso "
                        "AgID.</p>"
                    ),
                    "en": (
                        "<p>Anyone who has difficulty using the website, or finds content that is not accessible, "
                        "can write to <b>accessibilita@example.org</b>. It helps to mention the page, the problem "
                        "encountered and the device or software used.</p>"
                        "<p>The service replies within 30 days. If no reply arrives or it is not satisfactory, "
                        "it is possible to contact the Digital Ombudsman (Difensore civico per il digitale) at "
                        "AgID.</p>"
                    ),
                },
            ),
        ],
    },
]


NEWS_INDEX_KEY = "news"


NEWS = [
    {
        "slug": {"it": "nuovo-tavolo-di-coordinamento", "en": "new-coordination-table"},
        "date": "2026-03-10",
        "title": {
            "it": "Al via un nuovo tavolo di coordinamento con gli ambiti",
            "en": "A new coordination table with the districts gets under way",
        },
        "introduction": {
            "it": (
                "Il SIL ha avviato un nuovo tavolo di coordinamento con i referenti degli ambiti di Dalmine e "
                "Bergamo, per un dialogo più regolare tra l'équipe e i servizi del territorio."
            ),
            "en": (
                "The SIL has launched a new coordination table with the referents of the Dalmine and Bergamo "
                "districts, for more regular dialogue between the team and local services."
            ),
        },
        "body": [
            (
                "paragraph",
                {
                    "it": (
                        "<p>Nelle scorse settimane si è riunito per la prima volta il nuovo tavolo di "
                        "coordinamento del SIL. Intorno al tavolo erano presenti l'équipe del servizio e i "
                        "referenti degli ambiti di Dalmine e Bergamo.</p>"
                        "<p>Il tavolo nasce per rendere più semplice e più regolare il confronto sui percorsi in "
                        "corso. Gli incontri servono a condividere l'andamento delle segnalazioni, a discutere le "
                        "situazioni più complesse e a coordinare gli interventi con i servizi sociali e "
                        "specialistici.</p>"
                    ),
                    "en": (
                        "<p>In recent weeks the SIL's new coordination table met for the first time. Around the "
                        "table were the service's team and the referents of the Dalmine and Bergamo "
                        "districts.</p>"
                        "<p>The table was set up to make discussion of ongoing paths simpler and more regular. "
                        "The meetings are used to share how referrals are progressing, to discuss the most "
                        "complex situations and to coordinate actions with social and specialist services.</p>"
                    ),
                },
            ),
            (
                "heading",
                {"it": "Che cosa cambia per i servizi invianti", "en": "What changes for referring services"},
            ),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Grazie al tavolo, i servizi invianti avranno un momento fisso per ricevere "
                        "aggiornamenti, segnalare per tempo eventuali difficoltà e proporre temi da affrontare "
                        "insieme. Il calendario degli incontri viene concordato con gli ambiti e comunicato ai "
                        "servizi.</p>"
                    ),
                    "en": (
                        "<p>Thanks to the table, referring services will have a fixed moment to receive updates, "
                        "raise any difficulties early and suggest topics to tackle together. The meeting schedule "
                        "is agreed with the districts and shared with the services.</p>"
                    ),
                },
            ),
            (
                "call_to_action",
                {
                    "title": {"it": "Segnalare una persona al SIL", "en": "Refer a person to the SIL"},
                    "text": {
                        "it": "Chi può segnalare, come si compila la scheda e che cosa succede dopo.",
                        "en": "Who can make a referral, how to fill in the sheet and what happens next.",
                    },
                    "button": {"it": "Per i servizi invianti", "en": "For referring services"},
                    "target": "referrers",
                },
            ),
        ],
    },
    {
        "slug": {"it": "mattina-informativa-aziende-legge-68", "en": "information-morning-companies-law-68"},
        "date": "2026-09-15",
        "title": {
            "it": "Legge 68/99: una mattina di informazione per le aziende",
            "en": "Law 68/99: an information morning for companies",
        },
        "introduction": {
            "it": (
                "Giovedì 8 ottobre 2026 il SIL incontra le aziende del territorio per parlare di obblighi di "
                "assunzione, convenzioni e tirocini. La partecipazione è gratuita, con iscrizione."
            ),
            "en": (
                "On Thursday 8 October 2026 the SIL meets local companies to talk about hiring obligations, "
                "agreements and internships. Attendance is free, with registration."
            ),
        },
        "body": [
            (
                "paragraph",
                {
                    "it": (
                        "<p>Il SIL organizza una mattina di informazione dedicata alle aziende degli ambiti di "
                        "Dalmine e Bergamo. L'incontro è pensato per titolari, responsabili del personale e "
                        "consulenti del lavoro che vogliono capire meglio la legge 68/99 e le opportunità per "
                        "inserire persone con disabilità o in condizione di svantaggio.</p>"
                    ),
                    "en": (
                        "<p>The SIL is holding an information morning for companies in the Dalmine and Bergamo "
                        "districts. The meeting is aimed at business owners, HR managers and labour consultants "
                        "who want a better understanding of Law 68/99 and of the opportunities to employ people "
                        "with disabilities or in a disadvantaged situation.</p>"
                    ),
                },
            ),
            ("heading", {"it": "I temi dell'incontro", "en": "Topics of the meeting"}),
            (
                "paragraph",
                {
                    "it": (
                        "<ul>"
                        "<li>Gli obblighi di assunzione in base al numero di dipendenti.</li>"
                        "<li>Le convenzioni dell'articolo 11 per programmare le assunzioni nel tempo.</li>"
                        "<li>Il tirocinio extracurricolare come primo passo verso l'assunzione.</li>"
                        "<li>La collaborazione con le cooperative sociali di tipo B.</li>"
                        "<li>Il sostegno del SIL prima e dopo l'assunzione.</li>"
                        "</ul>"
                        "<p>Alla fine ci sarà spazio per domande e per incontri individuali con il promotore "
                        "aziendale.</p>"
                    ),
                    "en": (
                        "<ul>"
                        "<li>Hiring obligations according to the number of employees.</li>"
                        "<li>Article 11 agreements for planning hirings over time.</li>"
                        "<li>The extracurricular internship as a first step towards hiring.</li>"
                        "<li>Working with type-B social cooperatives.</li>"
                        "<li>The SIL's support before and after hiring.</li>"
                        "</ul>"
                        "<p>At the end there will be time for questions and for one-to-one meetings with the "
                        "company promoter.</p>"
                    ),
                },
            ),
            ("heading", {"it": "Informazioni pratiche", "en": "Practical information"}),
            (
                "paragraph",
                {
                    "it": (
                        "<ul>"
                        "<li><b>Quando</b>: giovedì 8 ottobre 2026, dalle 9:30 alle 12:30.</li>"
                        "<li><b>Dove</b>: sede del SIL, Via dell'Esempio 1, Dalmine.</li>"
                        "<li><b>Iscrizione</b>: entro giovedì 1 ottobre, scrivendo a aziende.sil@example.org.</li>"
                        "</ul>"
                    ),
                    "en": (
                        "<ul>"
                        "<li><b>When</b>: Thursday 8 October 2026, from 9:30 to 12:30.</li>"
                        "<li><b>Where</b>: SIL office, Via dell'Esempio 1, Dalmine.</li>"
                        "<li><b>Registration</b>: by Thursday 1 October, by writing to aziende.sil@example.org.</li>"
                        "</ul>"
                    ),
                },
            ),
            (
                "call_to_action",
                {
                    "title": {"it": "Gli obblighi della legge 68/99 in breve", "en": "Law 68/99 obligations in brief"},
                    "text": {
                        "it": "Quante persone assumere, come funzionano le convenzioni e come il SIL può aiutare.",
                        "en": "How many people to hire, how agreements work and how the SIL can help.",
                    },
                    "button": {"it": "La guida alla legge 68/99", "en": "Guide to Law 68/99"},
                    "target": "law68",
                },
            ),
        ],
    },
    {
        "slug": {"it": "in-arrivo-modulo-online-segnalazioni", "en": "online-referral-form-coming-soon"},
        "date": "2026-10-05",
        "title": {
            "it": "In arrivo il modulo online per le segnalazioni",
            "en": "Online referral form coming soon",
        },
        "introduction": {
            "it": (
                "Presto i servizi invianti potranno compilare e inviare la scheda di segnalazione direttamente "
                "da questo sito. Fino ad allora resta valido l'invio per e-mail."
            ),
            "en": (
                "Referring services will soon be able to fill in and send the referral sheet directly from "
                "this website. Until then, referrals can still be sent by e-mail."
            ),
        },
        "body": [
            (
                "paragraph",
                {
                    "it": (
                        "<p>Il SIL sta preparando un modulo online per le segnalazioni. Il modulo riprende i "
                        "contenuti della scheda anagrafica informativa e sarà riservato agli operatori dei "
                        "servizi invianti.</p>"
                    ),
                    "en": (
                        "<p>The SIL is preparing an online referral form. The form follows the contents of the "
                        "personal information sheet and will be reserved for professionals in referring "
                        "services.</p>"
                    ),
                },
            ),
            ("heading", {"it": "Che cosa cambia", "en": "What changes"}),
            (
                "paragraph",
                {
                    "it": (
                        "<ul>"
                        "<li>Una compilazione guidata, con i campi obbligatori ben indicati.</li>"
                        "<li>Un invio protetto, senza allegati da spedire per e-mail.</li>"
                        "<li>Una conferma di ricezione immediata.</li>"
                        "<li>Meno passaggi e meno errori di trascrizione.</li>"
                        "</ul>"
                        "<p>Il modulo chiederà solo i dati necessari alla valutazione e ricorderà all'operatore di "
                        "informare la persona sul trattamento dei suoi dati.</p>"
                    ),
                    "en": (
                        "<ul>"
                        "<li>Guided completion, with the required fields clearly marked.</li>"
                        "<li>Secure sending, with no attachments to e-mail.</li>"
                        "<li>Immediate confirmation of receipt.</li>"
                        "<li>Fewer steps and fewer copying errors.</li>"
                        "</ul>"
                        "<p>The form will only ask for the data needed for the evaluation and will remind the "
                        "professional to inform the person about how their data are processed.</p>"
                    ),
                },
            ),
            ("heading", {"it": "Nel frattempo", "en": "In the meantime"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Fino all'attivazione del modulo, le segnalazioni si inviano come sempre per e-mail a "
                        "sil@example.org o tramite PEC a sil@pec.example.org. La data di attivazione sarà "
                        "comunicata con una notizia su questo sito e durante i tavoli di coordinamento.</p>"
                    ),
                    "en": (
                        "<p>Until the form goes live, referrals should be sent as usual by e-mail to "
                        "sil@example.org or by certified e-mail (PEC) to sil@pec.example.org. The launch date will "
                        "be announced in a news item on this website and at the coordination tables.</p>"
                    ),
                },
            ),
        ],
    },
    {
        "slug": {"it": "grazie-alle-aziende-ospitanti", "en": "thank-you-host-companies"},
        "date": "2026-11-12",
        "title": {
            "it": "Grazie alle aziende che quest'anno hanno ospitato un tirocinio",
            "en": "Thank you to the companies that hosted an internship this year",
        },
        "introduction": {
            "it": (
                "Anche nel 2026 aziende, cooperative sociali ed enti del territorio hanno aperto le porte alle "
                "persone seguite dal SIL. Il servizio ringrazia tutte le realtà che hanno ospitato un tirocinio."
            ),
            "en": (
                "In 2026, too, local companies, social cooperatives and organisations opened their doors to the "
                "people supported by the SIL. The service thanks everyone who hosted an internship."
            ),
        },
        "body": [
            (
                "paragraph",
                {
                    "it": (
                        "<p>Ogni tirocinio è possibile grazie a un'organizzazione che sceglie di accogliere una "
                        "persona, di dedicarle tempo e di darle fiducia. Per chi è seguito dal SIL il tirocinio è "
                        "spesso la prima occasione per rientrare in un ambiente di lavoro, imparare un mestiere e "
                        "scoprire le proprie capacità.</p>"
                        "<p>Per le aziende è un modo per conoscere un possibile collaboratore e, nello stesso "
                        "tempo, per dare un contributo concreto alla vita della propria comunità.</p>"
                    ),
                    "en": (
                        "<p>Every internship is made possible by an organisation that chooses to welcome a person, "
                        "give them time and trust them. For those supported by the SIL, an internship is often the "
                        "first chance to return to a workplace, learn a trade and discover their own "
                        "abilities.</p>"
                        "<p>For companies, it is a way to get to know a potential team member and, at the same "
                        "time, to make a real contribution to the life of their community.</p>"
                    ),
                },
            ),
            ("heading", {"it": "Un grazie speciale ai tutor", "en": "Special thanks to the tutors"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Un ringraziamento particolare va ai tutor aziendali. Sono loro che, ogni giorno, "
                        "spiegano i compiti, rispondono alle domande, incoraggiano nei momenti difficili e "
                        "lavorano insieme agli operatori del SIL perché il percorso vada a buon fine.</p>"
                    ),
                    "en": (
                        "<p>Special thanks go to the company tutors. Every day they explain tasks, answer "
                        "questions, offer encouragement in difficult moments and work with the SIL staff so that "
                        "the path succeeds.</p>"
                    ),
                },
            ),
            ("heading", {"it": "Guardando al prossimo anno", "en": "Looking ahead to next year"}),
            (
                "paragraph",
                {
                    "it": (
                        "<p>Il SIL continua a cercare nuove realtà disposte a ospitare tirocini nel 2027. "
                        "Aziende, cooperative ed enti interessati possono contattare il promotore aziendale per un "
                        "primo incontro, senza impegno.</p>"
                    ),
                    "en": (
                        "<p>The SIL keeps looking for new organisations willing to host internships in 2027. "
                        "Interested companies, cooperatives and organisations can contact the company promoter for "
                        "a first meeting, with no obligation.</p>"
                    ),
                },
            ),
            (
                "call_to_action",
                {
                    "title": {"it": "Ospitare un tirocinio", "en": "Host an internship"},
                    "text": {
                        "it": "Come funziona un tirocinio extracurricolare e come il SIL lo segue dall'inizio alla fine.",
                        "en": "How an extracurricular internship works and how the SIL follows it from start to finish.",
                    },
                    "button": {"it": "Informazioni sui tirocini", "en": "About internships"},
                    "target": "internships",
                },
            ),
        ],
    },
]
